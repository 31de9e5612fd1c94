// One MP4 from two streams without re-encoding (npm `mediabunny`, pure TS): the H.264 samples of
// an h264-mp4-encoder clip and the frames of an MP3, each copied packet by packet.
import { zeroMp4Times } from './mp4Times';

export async function muxVideoWithMp3(videoMp4: Uint8Array, fps: number, mp3: Uint8Array): Promise<Uint8Array> {
  const mb = await import('mediabunny');
  const video = await new mb.Input({ source: new mb.BufferSource(videoMp4), formats: [mb.MP4] }).getPrimaryVideoTrack();
  const audio = await new mb.Input({ source: new mb.BufferSource(mp3), formats: [mb.MP3] }).getPrimaryAudioTrack();
  if (!video || !audio) throw new Error(`the ${video ? 'MP3' : 'H.264 clip'} has no track to copy`);
  const videoConfig = await video.getDecoderConfig();
  const audioConfig = await audio.getDecoderConfig();
  if (!videoConfig || !audioConfig) throw new Error('a stream has no decoder configuration');
  const target = new mb.BufferTarget();
  const output = new mb.Output({ format: new mb.Mp4OutputFormat({ fastStart: 'in-memory' }), target });
  const videoOut = new mb.EncodedVideoPacketSource('avc');
  const audioOut = new mb.EncodedAudioPacketSource('mp3');
  output.addVideoTrack(videoOut, { frameRate: fps });
  output.addAudioTrack(audioOut);
  await output.start();
  let first = true;
  for await (const packet of new mb.EncodedPacketSink(video).packets()) {
    await videoOut.add(packet, first ? { decoderConfig: videoConfig } : undefined);
    first = false;
  }
  first = true;
  for await (const packet of new mb.EncodedPacketSink(audio).packets()) {
    await audioOut.add(packet, first ? { decoderConfig: audioConfig } : undefined);
    first = false;
  }
  await output.finalize();
  if (!target.buffer) throw new Error('the MP4 muxer wrote nothing');
  return zeroMp4Times(new Uint8Array(target.buffer));
}
