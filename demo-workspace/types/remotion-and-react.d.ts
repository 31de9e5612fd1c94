// Stand-ins for the types of `remotion` and `react`, so this sample opens without TypeScript errors
// although its dependencies are not installed. Only what the sample and GenQueue's inserts use
// (<Img>, and <Sequence> with <OffthreadVideo> or <Audio>). After `npm install`, delete this
// folder and the "types"/"include" entries for it in tsconfig.json: the real packages take over.

declare namespace React {
  type ReactNode = JSX.Element | string | number | boolean | null | undefined | readonly ReactNode[];
  type FC<P = {}> = (props: P & { children?: ReactNode }) => JSX.Element | null;
  interface CSSProperties {
    [property: string]: string | number | undefined;
  }
}

declare namespace JSX {
  interface Element {}
  interface ElementChildrenAttribute {
    children: {};
  }
  interface IntrinsicAttributes {
    key?: string | number;
  }
  interface IntrinsicElements {
    [tag: string]: { [attribute: string]: unknown };
  }
}

declare module 'react/jsx-runtime' {
  export const jsx: unknown;
  export const jsxs: unknown;
  export const Fragment: unknown;
}

declare module 'remotion' {
  type Extrapolate = 'clamp' | 'extend' | 'identity' | 'wrap';
  interface MediaProps {
    src: string;
    style?: React.CSSProperties;
    volume?: number | ((frame: number) => number);
    muted?: boolean;
    playbackRate?: number;
    trimBefore?: number;
    trimAfter?: number;
  }

  export const AbsoluteFill: React.FC<{ style?: React.CSSProperties; className?: string }>;
  export const Img: React.FC<{ src: string; style?: React.CSSProperties; className?: string; alt?: string }>;
  export const OffthreadVideo: React.FC<MediaProps>;
  export const Video: React.FC<MediaProps>;
  export const Audio: React.FC<Omit<MediaProps, 'style'>>;
  export const Sequence: React.FC<{
    from?: number;
    durationInFrames?: number;
    name?: string;
    layout?: 'absolute-fill' | 'none';
    style?: React.CSSProperties;
  }>;
  export function Composition<P extends object>(props: {
    id: string;
    component: React.FC<P>;
    durationInFrames: number;
    fps: number;
    width: number;
    height: number;
    defaultProps?: P;
  }): JSX.Element;
  export function staticFile(path: string): string;
  export function useCurrentFrame(): number;
  export function useVideoConfig(): { fps: number; width: number; height: number; durationInFrames: number };
  export function interpolate(
    input: number,
    inputRange: readonly number[],
    outputRange: readonly number[],
    options?: { extrapolateLeft?: Extrapolate; extrapolateRight?: Extrapolate; easing?: (t: number) => number },
  ): number;
  export function registerRoot(root: React.FC): void;
}
