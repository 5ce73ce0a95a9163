import { describeStoreCommand } from './store-command-suite.js';

describeStoreCommand({
  args: ['zai-key'],
  provider: 'zai',
  field: 'api_key',
  kind: 'api_key',
  envVars: ['ZAI_API_KEY'],
  canaries: ['CANARYb4Nx7Tq1Mz9Kr3.Wp6Vy2e5f6', 'CANARYj8Ld3Rf6Hs0Qm5.Zt9Xu4a7b8'],
  verify: { server: 'openai', path: '/api/paas/v4' },
});
