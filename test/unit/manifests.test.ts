/* kibana.jsonc (Kibana's current manifest) and kibana.json (what plugin-helpers build needs) must agree. */
import fs from 'node:fs';
import path from 'node:path';

const root = path.join(__dirname, '..', '..');
const stripComments = (text: string) => text.replace(/^\s*\/\/.*$/gm, '');
const jsonc = JSON.parse(stripComments(fs.readFileSync(path.join(root, 'kibana.jsonc'), 'utf8')));
const json = JSON.parse(fs.readFileSync(path.join(root, 'kibana.json'), 'utf8'));

describe('plugin manifests', () => {
  it('agree on id, server/browser, required and optional plugins, config path and owner', () => {
    expect(json.id).toBe(jsonc.plugin.id);
    expect(json.id).toBe('migrationAssistant');
    expect(json.server).toBe(jsonc.plugin.server);
    expect(json.ui).toBe(jsonc.plugin.browser);
    expect(json.requiredPlugins).toEqual(jsonc.plugin.requiredPlugins);
    expect(json.requiredPlugins).toEqual(['management', 'features']);
    expect(json.optionalPlugins).toEqual(jsonc.plugin.optionalPlugins);
    expect(json.optionalPlugins).toEqual(['security', 'spaces']);
    expect(json.requiredBundles).toEqual(jsonc.plugin.requiredBundles);
    expect(json.configPath).toEqual(jsonc.plugin.configPath);
    expect(jsonc.owner).toBe(`@elastic/${json.owner.githubTeam}`);
  });

  it('kibana.json uses only keys Kibana’s manifest parser accepts, with the required ones present', () => {
    const allowed = ['id', 'version', 'kibanaVersion', 'type', 'configPath', 'requiredPlugins', 'optionalPlugins', 'runtimePluginDependencies', 'requiredBundles', 'ui', 'server', 'extraPublicDirs', 'serviceFolders', 'owner', 'description', 'enabledOnAnonymousPages'];
    expect(Object.keys(json).filter((key) => !allowed.includes(key))).toEqual([]);
    expect(json.version).toBeTruthy();
    expect(json.owner.name).toBeTruthy();
  });
});
