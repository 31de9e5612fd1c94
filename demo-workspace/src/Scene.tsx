import { AbsoluteFill, Img, interpolate, staticFile, useCurrentFrame } from 'remotion';

// Shot 1: a slow push-in on the opening still.
export const Scene: React.FC = () => {
  const frame = useCurrentFrame();
  const scale = interpolate(frame, [0, 150], [1, 1.08], { extrapolateRight: 'clamp' });
  const opacity = interpolate(frame, [0, 20], [0, 1], { extrapolateRight: 'clamp' });

  return (
    <AbsoluteFill style={{ backgroundColor: '#0b1020' }}>
      <AbsoluteFill style={{ transform: `scale(${scale})`, opacity }}>
        <Img src={staticFile('placeholder.svg')} style={{ width: '100%', height: '100%', objectFit: 'cover' }} />
      </AbsoluteFill>
    </AbsoluteFill>
  );
};
