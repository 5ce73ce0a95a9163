import { describeStoreCommand } from './store-command-suite.js';

describeStoreCommand({
  args: ['openai-key'],
  provider: 'openai',
  field: 'api_key',
  kind: 'api_key',
  envVars: ['OPENAI_API_KEY'],
  canaries: ['sk-proj-CANARYq7Wm2Xk9Rt4Yp8Lz3a1b2', 'sk-proj-CANARYv5Hn8Jd2Qs6Fw1Gc9c3d4'],
  verify: { server: 'openai', path: '/v1' },
});
