/* A verification report as Markdown, for tickets and change records. */
import type { VerificationReport } from '../types/verifications';

const cell = (value: unknown): string => String(value ?? '—').replace(/\|/g, '\\|').replace(/\n/g, ' ');
const yesNo = (ok: boolean): string => (ok ? 'yes' : '**no**');

export const verificationMarkdown = (report: VerificationReport): string => {
  const lines: string[] = [
    `# Migration verification ${report.id}`,
    '',
    `- Created: ${report.created_at}`,
    `- Status: ${report.status}`,
    ...(report.job_id ? [`- Job: ${report.job_id}`] : []),
    `- Sample size per index: ${report.sample_size}`,
    '',
    '## Summary',
    '',
    report.status !== 'completed'
      ? `The verification is ${report.status}${report.error ? `: ${report.error}` : ''}.`
      : report.differences.length === 0
        ? 'Everything matches.'
        : `${report.differences.length} difference(s) found.`,
    '',
  ];
  for (const difference of report.differences) {
    lines.push(`- **${difference.area}**: ${difference.message}`, `  - What to do: ${difference.remedy}`);
  }
  lines.push(
    '',
    '## Data',
    '',
    '| Source | Destination | Source docs | Destination docs | Counts match | Sampled | Sample mismatches | Mapping differences |',
    '| --- | --- | ---: | ---: | --- | ---: | ---: | ---: |'
  );
  for (const index of report.indices) {
    lines.push(
      `| ${cell(index.source)} | ${cell(index.dest)} | ${cell(index.source_count)} | ${cell(index.dest_count)} | ${yesNo(index.counts_match)} | ${index.sampled} | ${index.sample_mismatches.length} | ${index.mapping_differences.length} |`
    );
  }
  const security = report.security;
  lines.push('', '## Users and roles', '');
  if (!security?.available) {
    lines.push(report.security_hidden?.reason ?? security?.reason ?? 'Not checked.');
  } else {
    if (!security.source_available) lines.push(`Source not compared: ${security.source_reason ?? 'unknown'}`, '');
    lines.push('| User | Roles | Enabled |', '| --- | --- | --- |');
    for (const user of security.users.destination) lines.push(`| ${cell(user.username)} | ${cell(user.roles.join(', '))} | ${user.enabled ? 'yes' : 'no'} |`);
    lines.push('', `Missing users: ${security.users.missing.join(', ') || 'none'}`, `Missing roles: ${security.roles.missing.join(', ') || 'none'}`);
  }
  const savedObjects = report.saved_objects;
  lines.push('', '## Kibana saved objects', '');
  if (!savedObjects?.available) {
    lines.push(savedObjects?.reason ?? 'Not checked.');
  } else {
    lines.push(`Compared ${savedObjects.compared_from ?? ''} with ${savedObjects.compared_to ?? ''}.`, '', '| Type | Source | Destination | Missing |', '| --- | ---: | ---: | --- |');
    for (const [type, comparison] of Object.entries(savedObjects.by_type)) {
      lines.push(`| ${cell(type)} | ${comparison.source} | ${comparison.dest} | ${cell(comparison.missing.map((m) => m.title).join(', ') || 'none')} |`);
    }
    const imported = savedObjects.imported;
    if (imported) {
      lines.push(
        '',
        '### Imported objects read back',
        '',
        `Space ${imported.space} (${imported.indices.join(', ')}): ${imported.present} present, ${imported.missing} missing, ${imported.title_changed} with a changed title.`,
        '',
        '| Type | Title | Id | State | What to do |',
        '| --- | --- | --- | --- | --- |'
      );
      for (const object of imported.objects) {
        const state = object.state === 'present' ? 'present' : object.state === 'missing' ? '**missing**' : `**title changed** to ${object.found_title ?? ''}`;
        const id = object.source_id ? `${object.id} (source ${object.source_id})` : object.id;
        lines.push(`| ${cell(object.type)} | ${cell(object.title)} | ${cell(id)} | ${cell(state)} | ${cell(object.remedy)} |`);
      }
    } else {
      for (const [type, comparison] of Object.entries(savedObjects.by_type)) {
        if (!comparison.titles.length) continue;
        lines.push('', `### ${type} on the destination`, '', ...comparison.titles.map((t) => `- ${t.title}`));
      }
    }
  }
  return `${lines.join('\n')}\n`;
};
