import { Navigate, Outlet, type RouteObject } from 'react-router';
import { Layout } from './components/Layout';
import { NotFoundPage } from './components/NotFoundPage';
import { LoginPage } from './features/auth/LoginPage';
import { RequireAuth } from './features/auth/RequireAuth';
import { ConferenceEditorPage } from './features/conferences/ConferenceEditorPage';
import { ConferenceListPage } from './features/conferences/ConferenceListPage';
import { ConferenceShell } from './features/conferences/ConferenceShell';
import { ImportPage } from './features/imports/ImportPage';
import { PointsPage } from './features/points/PointsPage';

export const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  {
    path: '/point/:joinCode',
    lazy: async () => ({ Component: (await import('./features/operator/OperatorPage')).OperatorPage }),
  },
  {
    path: '/point/:joinCode/checkin-screen',
    lazy: async () => ({ Component: (await import('./features/operator/CheckInScreen')).CheckInScreen }),
  },
  {
    path: '/d/:roomCode',
    lazy: async () => ({ Component: (await import('./features/delegate/DelegatePage')).DelegatePage }),
  },
  {
    path: '/point/:joinCode/broadcast',
    lazy: async () => ({ Component: (await import('./features/broadcast/PointBroadcastPage')).PointBroadcastPage }),
  },
  {
    // Full screen for the hall's projector: signed in, without the organizer's header and tabs.
    path: '/conferences/:id/hall',
    element: (
      <RequireAuth>
        <Outlet />
      </RequireAuth>
    ),
    children: [{ index: true, lazy: async () => ({ Component: (await import('./features/hall/HallPage')).HallPage }) }],
  },
  {
    // The host site's projector and sound system: the floor holder large, with its sound.
    path: '/conferences/:id/studio',
    element: (
      <RequireAuth>
        <Outlet />
      </RequireAuth>
    ),
    children: [{ index: true, lazy: async () => ({ Component: (await import('./features/hall/StudioPage')).StudioPage }) }],
  },
  {
    path: '/conferences/:id/present',
    element: (
      <RequireAuth>
        <Outlet />
      </RequireAuth>
    ),
    children: [
      { index: true, lazy: async () => ({ Component: (await import('./features/broadcast/PresentPage')).PresentPage }) },
    ],
  },
  {
    path: '/',
    element: (
      <RequireAuth>
        <Layout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <Navigate to="/conferences" replace /> },
      { path: 'conferences', element: <ConferenceListPage /> },
      { path: 'conferences/new', element: <ConferenceEditorPage /> },
      {
        path: 'conferences/:id',
        element: <ConferenceShell />,
        children: [
          { index: true, element: <ConferenceEditorPage /> },
          { path: 'import', element: <ImportPage /> },
          { path: 'points', element: <PointsPage /> },
          {
            path: 'points/qr',
            lazy: async () => ({ Component: (await import('./features/points/QrSheetPage')).QrSheetPage }),
          },
          {
            path: 'links',
            lazy: async () => ({ Component: (await import('./features/links/LinksPage')).LinksPage }),
          },
          {
            path: 'control',
            lazy: async () => ({ Component: (await import('./features/control/ControlPage')).ControlPage }),
          },
          {
            path: 'readiness',
            lazy: async () => ({ Component: (await import('./features/readiness/ReadinessPage')).ReadinessPage }),
          },
          {
            path: 'moderation',
            lazy: async () => ({ Component: (await import('./features/moderation/ModerationPage')).ModerationPage }),
          },
          { path: 'audit', lazy: async () => ({ Component: (await import('./features/audit/AuditPage')).AuditPage }) },
          {
            path: 'recordings',
            lazy: async () => ({ Component: (await import('./features/recordings/RecordingsPage')).RecordingsPage }),
          },
        ],
      },
      { path: 'admin/users', lazy: async () => ({ Component: (await import('./features/admin/UsersPage')).UsersPage }) },
      { path: 'admin/audit', lazy: async () => ({ Component: (await import('./features/audit/AuditPage')).AuditPage }) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
