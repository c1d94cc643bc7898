import type { PreflightMeasurements } from '@bridgepoint/contracts';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperatorApi } from '../../lib/endpoints';
import { describeError } from '../../lib/errors';
import { formatDateTime, formatNumber } from '../../lib/time';
import { DevicePicker } from '../broadcast/DevicePicker';
import { LevelMeter } from '../broadcast/LevelMeter';
import { describeMediaError } from '../broadcast/mediaErrors';
import { MediaView } from '../broadcast/MediaView';
import { useAudioLevel } from '../broadcast/useAudioLevel';
import { useDevices, useDeviceStream } from '../broadcast/useDevices';
import { Section } from '../operator/Section';
import { NETWORK_TEST_MS } from './network-test';
import { usePreflight } from './usePreflight';
import { useTestTone } from './useTestTone';
import type { PreflightProblem } from './verdict';

/** The uplink's picture: the test sends what the conference will. */
const TEST_VIDEO = { width: { ideal: 640 }, height: { ideal: 360 }, frameRate: { ideal: 15 } };

interface Props {
  api: OperatorApi;
  conferenceId: string;
  pointId: string;
  token: string;
}

/**
 * Pre-flight on the operator page: the camera's picture, the microphone's level, a test tone for the
 * speakers, and a 10 s network test through the media server; the result goes to the control room's
 * readiness board and can be run again at any time. Nothing opens until the operator starts it.
 */
export function PreflightSection({ api, conferenceId, pointId, token }: Props) {
  const { t, i18n } = useTranslation();
  const devices = useDevices('uplink');
  const [on, setOn] = useState(false);
  const { stream, error: deviceError } = useDeviceStream(devices, on, TEST_VIDEO);
  const level = useAudioLevel(stream);
  const tone = useTestTone();
  const describe = useCallback((p: PreflightProblem) => t(`preflight.problems.${p}`), [t]);
  const { stored, save, run, start, resend } = usePreflight({ api, conferenceId, pointId, token, stream, level, describe });

  const running = run.phase === 'running';
  const state = running ? 'running' : run.phase === 'done' ? run.report.result : (stored.data?.readiness ?? 'untested');
  const measured: PreflightMeasurements | null =
    run.phase === 'running'
      ? run.progress.now && { sendKbps: run.progress.now.sendKbps, receiveKbps: run.progress.now.recvKbps, lossPercent: run.progress.now.lossPercent, rttMs: run.progress.now.rttMs }
      : run.phase === 'done'
        ? run.verdict.measurements
        : (stored.data?.measurements ?? null);
  const detail = run.phase === 'done' ? (run.report.detail ?? null) : (stored.data?.readinessDetail ?? null);
  const n = (x: number, digits = 0) => formatNumber(Number(x.toFixed(digits)), i18n.language);
  const ready = !!stream || !!deviceError;

  return (
    <Section
      title={t('preflight.title')}
      aside={
        <span className={`badge preflight-badge is-${state}`} data-testid="preflight-state" data-state={state}>
          {t(`preflight.state.${state}`)}
        </span>
      }
      testId="preflight"
      className="preflight"
    >
      <p className="muted">{t('preflight.intro')}</p>
      {stored.data?.readinessAt && !running && (
        <p className="muted preflight-last">{t('preflight.lastRun', { time: formatDateTime(stored.data.readinessAt, i18n.language) })}</p>
      )}

      <div className="preflight-step">
        <h3>{t('preflight.camera')}</h3>
        {stream && <MediaView stream={stream} muted className="preflight-preview" testId="preflight-preview" />}
        {deviceError && (
          <p role="alert" className="error">
            {describeMediaError(t, deviceError)}
          </p>
        )}
        {on && (
          <>
            <h3>{t('preflight.microphone')}</h3>
            <LevelMeter level={stream ? level : null} label={t('preflight.micLevel')} testId="preflight-level" />
          </>
        )}
        <DevicePicker devices={devices} disabled={running} />
        <button type="button" className={`btn ${on ? '' : 'btn-primary'}`} disabled={running} onClick={() => setOn(!on)} data-testid="preflight-devices">
          {on ? t('preflight.stop') : t('preflight.start')}
        </button>
      </div>

      <div className="preflight-step">
        <h3>{t('preflight.speaker')}</h3>
        <div className="preflight-row">
          <button type="button" className="btn" onClick={tone.play} disabled={tone.playing} data-testid="preflight-tone">
            {tone.playing ? t('preflight.tonePlaying') : t('preflight.tone')}
          </button>
          <span className="muted">{t('preflight.toneHint')}</span>
        </div>
      </div>

      <div className="preflight-step">
        <h3>{t('preflight.network')}</h3>
        <button
          type="button"
          className="btn btn-primary"
          disabled={!ready || running || save.isPending}
          onClick={() => void start()}
          data-testid="preflight-run"
        >
          {state === 'untested' ? t('preflight.runNetwork') : t('preflight.rerun')}
        </button>
        {!on && <p className="muted">{t('preflight.needDevices')}</p>}
        {running && (
          <p role="status" data-testid="preflight-progress">
            {t('preflight.running', { seconds: n(run.progress.elapsedMs / 1000), total: n(NETWORK_TEST_MS / 1000) })}
          </p>
        )}
        {measured && (
          <dl className="preflight-measurements" data-testid="preflight-measurements">
            <div>
              <dt>{t('preflight.send')}</dt>
              <dd data-testid="preflight-send">{t('preflight.kbps', { value: n(measured.sendKbps) })}</dd>
            </div>
            <div>
              <dt>{t('preflight.receive')}</dt>
              <dd data-testid="preflight-receive">{t('preflight.kbps', { value: n(measured.receiveKbps) })}</dd>
            </div>
            <div>
              <dt>{t('preflight.loss')}</dt>
              <dd data-testid="preflight-loss">{t('preflight.percent', { value: n(measured.lossPercent, 1) })}</dd>
            </div>
            <div>
              <dt>{t('preflight.rtt')}</dt>
              <dd data-testid="preflight-rtt">{measured.rttMs === null ? t('preflight.unknown') : t('preflight.ms', { value: n(measured.rttMs) })}</dd>
            </div>
          </dl>
        )}
        {!running && state === 'ready' && (
          <p className="notice notice-success" role="status" data-testid="preflight-result">
            {t('preflight.ready')}
          </p>
        )}
        {!running && state === 'failed' && (
          <p className="notice notice-error" role="alert" data-testid="preflight-result">
            {t('preflight.failed', { reason: detail ?? '' })}
          </p>
        )}
        {run.phase === 'done' && run.error && <p className="muted">{describeMediaError(t, run.error)}</p>}
        {save.isPending && <p className="muted">{t('preflight.saving')}</p>}
        {save.isError && (
          <p className="notice notice-warning" role="alert">
            {t('preflight.saveFailed', { message: describeError(t, save.error).title })}{' '}
            <button type="button" className="btn btn-small" onClick={resend}>
              {t('preflight.retrySave')}
            </button>
          </p>
        )}
      </div>
    </Section>
  );
}
