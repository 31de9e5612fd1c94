// The file "GenQueue: New Shot List" creates: a commented example that runs offline (the `local`
// provider's models need no key and cost nothing), so a first Generate works at once.

export const EXAMPLE_SHOT_LIST = `# A GenQueue shot list: the assets of one video, planned as a file you can review, diff and version.
# Open it with the Production Queue to see the table, estimates and takes; edit it there or here.
# Takes are saved under <assets folder>/<this file's name>/<shot id>/take-<n>.<ext>.

# Used when a shot names no provider/model for its modality (then your GenQueue settings apply).
defaults:
  image: { provider: local, model: local/image }
  video: { provider: local, model: local/video }
  audio: { provider: local, model: local/audio }
  speech: { provider: local, model: local/speech }
  # Added to the prompt of every image, video and audio shot (not to speech: it would be read aloud).
  style: soft morning light, muted colours

# Spending cap for this list in USD: new submits stop before spent + in flight would pass it.
budget: 2

shots:
  # id: unique, letters/digits/_/- (it names the take folder). Other fields are optional
  # except modality and prompt.
  - id: s01
    scene: Opening
    group: stills
    modality: image
    prompt: A paper boat on a quiet canal at dawn
    params: { aspect_ratio: "16:9" }
    notes: The first frame of the video.
    # Where the chosen take is copied, so your code can use one stable path.
    output: public/shots/s01.png

  - id: s02
    scene: Opening
    group: b-roll
    modality: video
    prompt: The paper boat drifts under a stone bridge
    params: { duration: 3 }

  - id: s03
    scene: Opening
    group: voice-over
    modality: speech
    prompt: Every project starts small.
    params: { voice: en-gb }

  - id: s04
    scene: Opening
    group: music
    modality: audio
    prompt: A calm piano motif
    params: { duration: 10 }
    # Which take is chosen (take-1, take-2, …); set by "Use this take".
    # take: 1
`;
