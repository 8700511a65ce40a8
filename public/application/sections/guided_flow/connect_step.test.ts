import { validateConnectForm } from './connect_step';
import { previewDestinations } from './select_step';

const form = { name: 'prod', host: 'https://source.example.com:9243', authType: 'basic' as const, username: 'u', password: 'p', apiKey: '', ca: '' };

describe('connect form validation', () => {
  it('accepts a complete form', () => {
    expect(validateConnectForm(form)).toEqual({});
  });
  it('names each field at fault with what to do', () => {
    const errors = validateConnectForm({ ...form, name: ' ', host: 'https://source.example.com', password: '', ca: 'not a pem' });
    expect(errors.name).toBe('Give the source a name.');
    expect(errors.host).toContain('with the port');
    expect(errors.password).toBe('Enter the password.');
    expect(errors.ca).toContain('PEM');
    expect(validateConnectForm({ ...form, authType: 'api_key' }).apiKey).toContain('API key');
  });
});

describe('destination preview', () => {
  it('applies the rename rule and flags names Elasticsearch refuses', () => {
    expect(previewDestinations(['logs', 'orders'], { pattern: '^(.*)$', replacement: 'migrated-$1' })).toEqual([
      { index: 'logs', dest: 'migrated-logs', problem: undefined },
      { index: 'orders', dest: 'migrated-orders', problem: undefined },
    ]);
    expect(previewDestinations(['logs'], { pattern: '^(.*)$', replacement: 'Migrated-$1' })[0]?.problem).toBe('must be lowercase');
    expect(previewDestinations(['logs'], { pattern: '(', replacement: 'x' })[0]?.problem).toContain('regular expression');
  });
});
