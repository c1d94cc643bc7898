import { join, resolve } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

describe('recording configuration', () => {
  it('records by default with ffmpeg on PATH into DATA_DIR/recordings; RECORDING, FFMPEG_BIN and RECORDINGS_DIR change that', () => {
    expect(loadConfig({ DATA_DIR: '/srv/bridgepoint' }).recording).toEqual({ enabled: true, ffmpegBin: null, dir: join('/srv/bridgepoint', 'recordings') });
    expect(loadConfig({ RECORDING: 'off', FFMPEG_BIN: '/opt/ffmpeg/bin/ffmpeg', RECORDINGS_DIR: 'rec' }).recording).toEqual({
      enabled: false,
      ffmpegBin: '/opt/ffmpeg/bin/ffmpeg',
      dir: resolve('rec'),
    });
  });

  it('stops at boot on a RECORDING that is neither on nor off, naming it', () => {
    expect(() => loadConfig({ RECORDING: 'sometimes' })).toThrow(ConfigError);
    expect(() => loadConfig({ RECORDING: 'sometimes' })).toThrow(/RECORDING/);
  });
});
