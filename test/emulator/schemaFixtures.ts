// Model schemas the emulator serves, written the way each provider publishes them
// (models-files-pricing.md §1.1–1.2): a Cog model with `allOf` enums, Replicate's official Kling
// with inline enums (copied from its API page), a model without a published version, and a fal
// model in pydantic's dialect (x-fal-order-properties, anyOf-null, the image_size union, UI hints).

export const COG_ANIMATOR = 'acme/cog-animator';
export const COG_ANIMATOR_V1 = '1'.repeat(64);
export const COG_ANIMATOR_V2 = '2'.repeat(64);
export const KLING = 'kwaivgi/kling-v1.6-standard';
export const KLING_VERSION = 'b'.repeat(64);
export const NO_VERSION_MODEL = 'acme/unpublished';
/** Always answers 503 (a provider outage), for the failure paths. */
export const OVERLOADED_MODEL = 'acme/overloaded';
export const FAL_ANIMATOR = 'fal-ai/emu-animator/image-to-video';
export const FAL_NO_OPENAPI = 'fal-ai/emu-legacy';

const cogDoc = (input: unknown, enums: Record<string, unknown>) => ({
  openapi: '3.0.2',
  info: { title: 'Cog', version: '0.1.0' },
  paths: {},
  components: {
    schemas: { Input: input, Output: { type: 'string', title: 'Output', format: 'uri' }, ...enums },
  },
});

/** The latest version: properties out of key order (x-order sorts them), every Cog feature once. */
export const cogAnimatorV2 = cogDoc(
  {
    type: 'object',
    title: 'Input',
    required: ['prompt', 'start_image'],
    properties: {
      duration: {
        allOf: [{ $ref: '#/components/schemas/duration' }],
        default: 5,
        description: 'Length of the clip, seconds',
        'x-order': 2,
      },
      prompt: { type: 'string', title: 'Prompt', 'x-order': 0, description: 'What happens in the clip' },
      start_image: {
        type: 'string',
        title: 'Start Image',
        format: 'uri',
        'x-order': 1,
        description: 'First frame of the video',
      },
      aspect_ratio: {
        allOf: [{ $ref: '#/components/schemas/aspect_ratio' }],
        default: '16:9',
        'x-order': 3,
      },
      fps: { type: 'integer', title: 'Fps', minimum: 1, maximum: 60, nullable: true, 'x-order': 4 },
      negative_prompt: { type: 'string', title: 'Negative Prompt', maxLength: 500, default: '', 'x-order': 5 },
      guide_track: {
        type: 'string',
        title: 'Guide Track',
        format: 'uri',
        description: 'Optional soundtrack the motion follows',
        nullable: true,
        'x-order': 6,
      },
      reference_images: {
        type: 'array',
        title: 'Reference Images',
        items: { type: 'string', format: 'uri' },
        'x-order': 7,
      },
      extra_settings: { type: 'object', title: 'Extra Settings', 'x-order': 8 },
      api_key: {
        type: 'string',
        title: 'Api Key',
        format: 'password',
        writeOnly: true,
        'x-cog-secret': true,
        nullable: true,
        'x-order': 9,
      },
      motion_bucket: { type: 'integer', title: 'Motion Bucket', deprecated: true, 'x-order': 10 },
    },
  },
  {
    duration: { title: 'duration', description: 'An enumeration.', enum: [5, 10], type: 'integer' },
    aspect_ratio: {
      title: 'aspect_ratio',
      description: 'An enumeration.',
      enum: ['16:9', '9:16', '1:1'],
      type: 'string',
    },
  },
);

export const cogAnimatorV1 = cogDoc(
  {
    type: 'object',
    title: 'Input',
    required: ['prompt'],
    properties: { prompt: { type: 'string', title: 'Prompt', 'x-order': 0 } },
  },
  {},
);

/** Copied from kwaivgi/kling-v1.6-standard's API page (§1.1): inline enums, no allOf. */
export const klingDoc = {
  openapi: '3.0.2',
  info: { title: 'Kling', version: '1.6' },
  paths: {},
  components: {
    schemas: {
      Input: {
        type: 'object',
        title: 'Input',
        required: ['prompt'],
        properties: {
          prompt: { type: 'string', title: 'Prompt', 'x-order': 0, description: 'Text prompt for video generation' },
          negative_prompt: { type: 'string', title: 'Negative Prompt', default: '', 'x-order': 1 },
          aspect_ratio: {
            enum: ['16:9', '9:16', '1:1'],
            type: 'string',
            default: '16:9',
            'x-order': 2,
            description: 'Aspect ratio of the video. Ignored if start_image is provided.',
          },
          start_image: {
            type: 'string',
            title: 'Start Image',
            format: 'uri',
            'x-order': 3,
            description: 'First frame of the video',
          },
          cfg_scale: { type: 'number', default: 0.5, minimum: 0, maximum: 1, 'x-order': 4 },
          duration: { enum: [5, 10], type: 'integer', default: 5, 'x-order': 5 },
        },
      },
      Output: { type: 'string', title: 'Output', format: 'uri' },
    },
  },
};

const FAL_INPUT = 'EmuAnimatorImageToVideoInput';

/** A fal Queue OpenAPI document (openapi 3.0.4), as fal's model pages publish them. */
export const falAnimatorDoc = {
  openapi: '3.0.4',
  info: { title: 'Queue OpenAPI for fal-ai/emu-animator/image-to-video', version: '1.0.0' },
  paths: {
    [`/${FAL_ANIMATOR}`]: {
      post: {
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: `#/components/schemas/${FAL_INPUT}` } } },
        },
      },
    },
    [`/${FAL_ANIMATOR}/requests/{request_id}`]: {
      get: {
        responses: {
          '200': {
            content: { 'application/json': { schema: { $ref: '#/components/schemas/EmuAnimatorOutput' } } },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      QueueStatus: { type: 'object', properties: { status: { type: 'string' } } },
      ImageSize: {
        type: 'object',
        title: 'ImageSize',
        properties: {
          width: { type: 'integer', minimum: 1, maximum: 14142, default: 512 },
          height: { type: 'integer', minimum: 1, maximum: 14142, default: 512 },
        },
      },
      LoraWeight: {
        type: 'object',
        properties: { path: { type: 'string' }, scale: { type: 'number', default: 1 } },
        required: ['path'],
      },
      File: { type: 'object', properties: { url: { type: 'string' } }, required: ['url'] },
      EmuAnimatorOutput: {
        type: 'object',
        properties: { video: { $ref: '#/components/schemas/File' }, seed: { type: 'integer' } },
        required: ['video'],
      },
      [FAL_INPUT]: {
        type: 'object',
        title: 'ImageToVideoInput',
        'x-fal-order-properties': [
          'prompt',
          'image_url',
          'end_image_url',
          'duration',
          'image_size',
          'num_frames',
          'reference_image_urls',
          'audio_url',
          'loras',
          'enable_safety_checker',
        ],
        required: ['prompt', 'image_url'],
        properties: {
          loras: {
            type: 'array',
            title: 'Loras',
            items: { $ref: '#/components/schemas/LoraWeight' },
            default: [],
          },
          enable_safety_checker: { type: 'boolean', title: 'Enable Safety Checker', default: true },
          audio_url: {
            type: 'string',
            title: 'Audio Url',
            description: 'A soundtrack for the clip',
            examples: ['https://example.com/a.mp3'],
          },
          reference_image_urls: {
            type: 'array',
            title: 'Reference Image Urls',
            items: { type: 'string', _fal_ui_field: 'image' },
            description: 'Up to 4 style references. Max 10 MB each',
            maxItems: 4,
          },
          num_frames: {
            anyOf: [{ type: 'integer', minimum: 16, maximum: 161 }, { type: 'null' }],
            title: 'Num Frames',
          },
          image_size: {
            anyOf: [
              { $ref: '#/components/schemas/ImageSize' },
              {
                enum: ['square_hd', 'square', 'portrait_4_3', 'portrait_16_9', 'landscape_4_3', 'landscape_16_9'],
                type: 'string',
              },
            ],
            title: 'Image Size',
            default: 'landscape_16_9',
          },
          duration: { enum: ['5', '10'], type: 'string', title: 'Duration', default: '5' },
          end_image_url: {
            anyOf: [{ type: 'string', ui: { field: 'image' } }, { type: 'null' }],
            title: 'End Image Url',
            description: 'The last frame',
          },
          image_url: {
            type: 'string',
            title: 'Image Url',
            description: 'The first frame',
            ui: { field: 'image' },
          },
          prompt: { type: 'string', title: 'Prompt', maxLength: 2500, examples: ['a cat walks'] },
        },
      },
    },
  },
};

export const falAnimatorMetadata = {
  display_name: 'Emu Animator',
  category: 'image-to-video',
  description: 'An emulated image-to-video model',
  status: 'active',
  tags: [],
  updated_at: '2026-11-20T10:00:00Z',
  is_favorited: false,
  thumbnail_url: 'https://fal.media/files/example.jpg',
  model_url: `https://fal.run/${FAL_ANIMATOR}`,
  date: '2026-10-01T00:00:00Z',
  highlighted: false,
  pinned: false,
};

export const FAL_VOICE = 'fal-ai/emu-voice/clone';

/** A reference-voice TTS model: the text is `gen_text`, the voice a `*_url` string without a UI hint. */
export const falVoiceDoc = {
  openapi: '3.0.4',
  info: { title: 'Queue OpenAPI for fal-ai/emu-voice/clone', version: '1.0.0' },
  paths: {
    [`/${FAL_VOICE}`]: {
      post: {
        requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Input' } } } },
      },
    },
  },
  components: {
    schemas: {
      Input: {
        type: 'object',
        required: ['gen_text', 'ref_audio_url'],
        properties: {
          gen_text: { type: 'string', title: 'Text', description: 'The text to speak' },
          ref_audio_url: { type: 'string', title: 'Reference Audio', description: 'A voice sample, 5 to 15 seconds' },
          speed: { anyOf: [{ type: 'number', exclusiveMinimum: 0, maximum: 2 }, { type: 'null' }], default: 1 },
        },
      },
    },
  },
};

export const falVoiceMetadata = {
  ...falAnimatorMetadata,
  display_name: 'Emu Voice Clone',
  category: 'text-to-speech',
  model_url: `https://fal.run/${FAL_VOICE}`,
  updated_at: '2026-11-25T08:00:00Z',
};
