import type { MediaLinkReport, PointReadinessDto, ReadinessReport } from '@bridgepoint/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { queryKeys, type OperatorApi } from '../../lib/endpoints';
import { runNetworkTest, type NetworkProgress } from './network-test';
import { judge, reportOf, type PreflightProblem, type PreflightVerdict } from './verdict';

export type RunState =
  | { phase: 'idle' }
  | { phase: 'running'; progress: NetworkProgress }
  /** `error`: why the loopback could not be set up, in the media server's or the browser's words. */
  | { phase: 'done'; verdict: PreflightVerdict; report: ReadinessReport; error: Error | null };

interface Options {
  api: OperatorApi;
  conferenceId: string;
  pointId: string;
  token: string;
  /** The camera and microphone open for the check (null when closed or they could not be opened). */
  stream: MediaStream | null;
  /** The microphone's level now, 0..1: the loudest seen during the test is kept. */
  level: number;
  describe: (problem: PreflightProblem) => string;
}

/**
 * The point's pre-flight: its stored result, and a run (network test, verdict, result stored for the
 * control room) that can be repeated at any time. A result that could not be sent is kept to send again.
 */
export function usePreflight({ api, conferenceId, pointId, token, stream, level, describe }: Options) {
  const queryClient = useQueryClient();
  const key = queryKeys.operator.readiness(pointId);
  const stored = useQuery({ queryKey: key, queryFn: api.readiness });
  const save = useMutation({
    mutationFn: (report: ReadinessReport) => api.saveReadiness(report),
    onSuccess: (dto: PointReadinessDto) => queryClient.setQueryData(key, dto),
  });
  const [run, setRun] = useState<RunState>({ phase: 'idle' });
  const peak = useRef(0);
  const abort = useRef<AbortController | null>(null);

  const running = run.phase === 'running';
  useEffect(() => {
    if (running) peak.current = Math.max(peak.current, level);
  }, [running, level]);
  useEffect(() => () => abort.current?.abort(), []);

  const { mutate } = save;
  const start = useCallback(async () => {
    if (abort.current) return;
    const controller = (abort.current = new AbortController());
    peak.current = level;
    setRun({ phase: 'running', progress: { elapsedMs: 0, now: null } });
    const none: MediaLinkReport = { recvKbps: 0, sendKbps: 0, lossPercent: 0, rttMs: null };
    const net = stream
      ? await runNetworkTest(conferenceId, token, pointId, stream, (progress) => setRun({ phase: 'running', progress }), controller.signal)
      : { link: none, error: null };
    abort.current = null;
    if (controller.signal.aborted) return;
    const verdict = judge({ stream, audioLevel: peak.current, link: net.link, networkError: net.error });
    const report = reportOf(verdict, describe);
    setRun({ phase: 'done', verdict, report, error: net.error });
    mutate(report);
  }, [conferenceId, token, pointId, stream, level, describe, mutate]);

  const resend = useCallback(() => {
    if (run.phase === 'done') mutate(run.report);
  }, [run, mutate]);

  return { stored, save, run, start, resend };
}
