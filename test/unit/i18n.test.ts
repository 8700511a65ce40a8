/*
 * What Kibana's i18n check (`node scripts/i18n_check`) would refuse: ids outside the plugin's prefix,
 * one id with two different default messages, translation files that are not `{ formats, messages }` or
 * that translate ids the code no longer has.
 */
import fs from 'node:fs';
import path from 'node:path';

const root = path.join(__dirname, '..', '..');
const SOURCE_DIRS = ['common', 'server', 'public'];
const SOURCE_FILE = /\.(ts|tsx)$/;
const TEST_FILE = /\.test\.(ts|tsx)$/;
// i18n.translate('id', { defaultMessage: '...' }) and <FormattedMessage id="id" defaultMessage="..." />
const TRANSLATE_CALL = /i18n\.translate\(\s*['"]([^'"]+)['"],\s*\{\s*defaultMessage:\s*(['"`])((?:\\.|(?!\2).)*)\2/gs;
const FORMATTED_MESSAGE = /<FormattedMessage\s+id=["']([^"']+)["']\s+defaultMessage=(["'])((?:\\.|(?!\2).)*)\2/gs;

const sourceFiles = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return SOURCE_FILE.test(entry.name) && !TEST_FILE.test(entry.name) ? [full] : [];
  });

const messages = new Map<string, Set<string>>();
const MESSAGE_USE = /i18n\.translate\(|<FormattedMessage\b/g;
let uses = 0;
let parsed = 0;
for (const file of SOURCE_DIRS.flatMap((dir) => sourceFiles(path.join(root, dir)))) {
  const text = fs.readFileSync(file, 'utf8');
  uses += [...text.matchAll(MESSAGE_USE)].length;
  for (const pattern of [TRANSLATE_CALL, FORMATTED_MESSAGE]) {
    for (const [, id = '', , defaultMessage = ''] of text.matchAll(pattern)) {
      parsed += 1;
      messages.set(id, (messages.get(id) ?? new Set()).add(defaultMessage));
    }
  }
}

describe('i18n', () => {
  it('reads every message of the app (literal id and default message, as the i18n check needs)', () => {
    expect(messages.has('migrationAssistant.appTitle')).toBe(true);
    expect(parsed).toBe(uses);
  });

  it('prefixes every message id with the plugin namespace of .i18nrc.json', () => {
    const { prefix } = JSON.parse(fs.readFileSync(path.join(root, '.i18nrc.json'), 'utf8')) as { prefix: string };
    expect([...messages.keys()].filter((id) => !id.startsWith(`${prefix}.`))).toEqual([]);
  });

  it('gives each id one default message', () => {
    expect([...messages].filter(([, defaults]) => defaults.size > 1).map(([id]) => id)).toEqual([]);
  });

  it('has translation files Kibana can load, for ids that exist', () => {
    const { translations } = JSON.parse(fs.readFileSync(path.join(root, '.i18nrc.json'), 'utf8')) as { translations: string[] };
    for (const file of translations) {
      const content = JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as { formats?: unknown; messages?: Record<string, string> };
      expect(Object.keys(content).sort()).toEqual(['formats', 'messages']);
      expect(Object.keys(content.messages ?? {}).filter((id) => !messages.has(id))).toEqual([]);
    }
  });
});
