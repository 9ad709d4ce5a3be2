import { z } from 'zod';

// WeChat forbids eval/new Function; zod's JIT probe would only fail there. Use the plain parser
// everywhere so that the WeChat and H5 builds behave the same.
z.config({ jitless: true });
