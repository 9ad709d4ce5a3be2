import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import '../../miniprogram/lib/zod-setup';

afterEach(() => {
  cleanup();
});
