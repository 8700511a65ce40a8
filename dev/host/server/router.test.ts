import { createHostRouter, errorBody } from './router';

describe('development host router', () => {
  it('refuses a route without security, as Kibana 9.1 does', () => {
    const { router } = createHostRouter();
    expect(() => router.versioned.get({ path: '/api/x', access: 'public' } as never)).toThrow('[authz.requiredPrivileges]: expected value of type [array] but got [undefined]');
    expect(() => router.versioned.get({ path: '/api/x', access: 'public', security: { authz: { enabled: false } } } as never)).toThrow('[authz.reason]');
    expect(() => router.versioned.get({ path: '/api/x', access: 'public', security: { authz: { enabled: false, reason: 'es' } } })).not.toThrow();
  });

  it("shapes errors the way Kibana does", () => {
    expect(errorBody(404, 'gone')).toEqual({ statusCode: 404, error: 'Not Found', message: 'gone' });
    expect(errorBody(400, { message: 'bad', attributes: { code: 'x' } })).toEqual({ statusCode: 400, error: 'Bad Request', message: 'bad', attributes: { code: 'x' } });
  });
});
