// Kibana's tests find elements by data-test-subj. Loaded after jest's globals, so testing-library's
// automatic cleanup between tests is registered.
require('@testing-library/react').configure({ testIdAttribute: 'data-test-subj' });
// jsdom's CSS parser does not know `@container` rules, which EUI's page header emits; it reports each one
// as a console error although nothing is wrong with the page. Only that report is dropped.
const JSDOM_CSS_PARSE_ERROR = 'Could not parse CSS stylesheet';
const consoleError = console.error;
console.error = (first, ...rest) => {
  // The error comes from jsdom's own realm, so it is recognised by its message, not instanceof.
  if (first && typeof first === 'object' && first.message === JSDOM_CSS_PARSE_ERROR) return;
  consoleError(first, ...rest);
};
// EUI pages render slowly in jsdom on a loaded 2-core machine: jest's 5 s made waits fail for no reason.
jest.setTimeout(20_000);
