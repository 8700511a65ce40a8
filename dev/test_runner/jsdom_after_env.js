// Kibana's tests find elements by data-test-subj. Loaded after jest's globals, so testing-library's
// automatic cleanup between tests is registered.
require('@testing-library/react').configure({ testIdAttribute: 'data-test-subj' });
