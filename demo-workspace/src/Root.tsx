import { Composition } from 'remotion';
import { Scene } from './Scene';

export const Root: React.FC = () => (
  <Composition id="Teaser" component={Scene} durationInFrames={900} fps={30} width={1920} height={1080} />
);
