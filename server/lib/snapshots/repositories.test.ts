import { redactSettings } from './repositories';

describe('repository settings', () => {
  it('never echoes secret settings', () => {
    expect(redactSettings({ bucket: 'b', access_key: 'AKIA', secret_key: 's', client: 'default', sas_token: 't', location: '/x' })).toEqual({
      bucket: 'b',
      access_key: '<redacted>',
      secret_key: '<redacted>',
      client: 'default',
      sas_token: '<redacted>',
      location: '/x',
    });
  });
});
