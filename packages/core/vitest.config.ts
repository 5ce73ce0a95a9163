import { flynnVitestConfig } from '../../vitest.shared.js';

export default flynnVitestConfig(import.meta.dirname);
