import type { ForwardedStream } from '../media/media-engine';
import { containerOf, sdpOf } from './rtp-sdp';

const opus: ForwardedStream = { kind: 'audio', port: 40000, payloadType: 111, codec: 'opus', clockRate: 48000, channels: 2 };
const vp8: ForwardedStream = { kind: 'video', port: 40002, payloadType: 96, codec: 'VP8', clockRate: 90000 };
const h264: ForwardedStream = {
  kind: 'video',
  port: 40004,
  payloadType: 107,
  codec: 'H264',
  clockRate: 90000,
  fmtp: 'packetization-mode=1;profile-level-id=42e01f',
};

describe('what ffmpeg is told of a forward', () => {
  it('describes each kind on its own local port, with its payload type, codec and parameters', () => {
    const sdp = sdpOf([opus, h264]);
    expect(sdp.split('\r\n')).toEqual([
      'v=0',
      'o=- 0 0 IN IP4 127.0.0.1',
      's=Bridgepoint recording',
      'c=IN IP4 127.0.0.1',
      't=0 0',
      'm=audio 40000 RTP/AVP 111',
      'a=rtpmap:111 opus/48000/2',
      'a=recvonly',
      'm=video 40004 RTP/AVP 107',
      'a=rtpmap:107 H264/90000',
      'a=fmtp:107 packetization-mode=1;profile-level-id=42e01f',
      'a=recvonly',
      '',
    ]);
  });

  it('writes WebM for VP8 and Opus (browsers play it), Matroska for H.264', () => {
    expect(containerOf([opus, vp8])).toEqual({ extension: 'webm', format: 'webm' });
    expect(containerOf([opus])).toEqual({ extension: 'webm', format: 'webm' });
    expect(containerOf([opus, h264])).toEqual({ extension: 'mkv', format: 'matroska' });
  });
});
