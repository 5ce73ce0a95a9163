// Flynn's error base lives in `@flynn/core`; re-exported here for callers that import it from
// the store (`isFlynnError` has been part of this package's API).
export { FLYNN_ERROR, FlynnError, isFlynnError } from '@flynn/core';
