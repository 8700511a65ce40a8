// jsdom lacks what EUI and charts measure with.
const { TextEncoder, TextDecoder } = require('node:util');
global.TextEncoder = global.TextEncoder || TextEncoder;
global.TextDecoder = global.TextDecoder || TextDecoder;
if (typeof window !== 'undefined') {
  window.matchMedia = window.matchMedia || ((query) => ({ matches: false, media: query, onchange: null, addListener() {}, removeListener() {}, addEventListener() {}, removeEventListener() {}, dispatchEvent() { return false; } }));
  global.ResizeObserver = global.ResizeObserver || class { observe() {} unobserve() {} disconnect() {} };
}
// Kibana's tests find elements by data-test-subj.
require('@testing-library/react').configure({ testIdAttribute: 'data-test-subj' });
