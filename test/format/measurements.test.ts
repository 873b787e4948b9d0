import { describe, expect, it } from 'vitest';
import { measurementCaveatText, measurementConditionsText } from '../../src/format/measurements.ts';

describe('measurement caveats in words', () => {
  it('lists each difference with what was asked, then the estimate at the measured conditions', () => {
    expect(
      measurementCaveatText(
        [
          { code: 'context', measuredTokens: 512, askedTokens: 32768 },
          { code: 'backend', measured: 'vulkan', asked: 'rocm' },
          { code: 'kv-cache', asked: 'q8_0' },
        ],
        { tgTokensPerSecond: 18.24, ppTokensPerSecond: 409.6 },
      ),
    ).toBe(
      'measured at 512-token context, not 32,768; vulkan, not rocm; f16 KV cache, not q8_0 (estimated tg 18.2 · pp 410 as measured)',
    );
    expect(measurementCaveatText([{ code: 'users', asked: 5 }], {})).toBe('measured at one user, not 5');
  });

  it('says the same in a few words without what was asked', () => {
    expect(
      measurementConditionsText([
        { code: 'context', measuredTokens: 512, askedTokens: 32768 },
        { code: 'all-in-gpu-memory', unified: false },
      ]),
    ).toBe('512-token context, all in VRAM');
    expect(measurementConditionsText([{ code: 'all-in-gpu-memory', unified: true }])).toBe('all in GPU memory');
  });
});
