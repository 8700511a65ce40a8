/* A saved_objects job's verification: each imported object read back, present, missing or renamed, with its remedy. */
import React from 'react';
import { EuiBasicTableColumn, EuiHealth, EuiInMemoryTable, EuiSpacer, EuiText } from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import { FormattedMessage } from '@kbn/i18n-react';
import type { ImportedObjectCheck, ImportedObjectsVerification } from '../../../../common/types/verifications';

const stateLabel = (object: ImportedObjectCheck): string => {
  if (object.state === 'present') return i18n.translate('migrationAssistant.verification.importedPresent', { defaultMessage: 'present' });
  if (object.state === 'missing') return i18n.translate('migrationAssistant.verification.importedMissing', { defaultMessage: 'missing' });
  return i18n.translate('migrationAssistant.verification.importedRenamed', { defaultMessage: 'title changed to {title}', values: { title: object.found_title ?? '' } });
};

export const ImportedObjectsTable = ({ imported }: { imported: ImportedObjectsVerification }) => {
  const columns: Array<EuiBasicTableColumn<ImportedObjectCheck>> = [
    { field: 'title', name: i18n.translate('migrationAssistant.verification.importedTitle', { defaultMessage: 'Title' }), sortable: true },
    { field: 'type', name: i18n.translate('migrationAssistant.verification.importedType', { defaultMessage: 'Type' }), sortable: true },
    { field: 'id', name: i18n.translate('migrationAssistant.verification.importedId', { defaultMessage: 'Id in this Kibana' }) },
    {
      field: 'state',
      name: i18n.translate('migrationAssistant.verification.importedState', { defaultMessage: 'Read back' }),
      sortable: true,
      render: (_state: string, object: ImportedObjectCheck) => (
        <EuiHealth color={object.state === 'present' ? 'success' : 'danger'} data-test-subj="importedObjectState">
          {stateLabel(object)}
        </EuiHealth>
      ),
    },
    { field: 'remedy', name: i18n.translate('migrationAssistant.verification.importedRemedy', { defaultMessage: 'What to do' }), width: '35%' },
  ];
  return (
    <>
      <EuiSpacer />
      <EuiText size="s">
        <p data-test-subj="importedObjectsSummary">
          <FormattedMessage
            id="migrationAssistant.verification.importedSummary"
            defaultMessage="Imported objects in space {space}: {present} present, {missing} missing, {changed} with a changed title."
            values={{ space: imported.space, present: imported.present, missing: imported.missing, changed: imported.title_changed }}
          />
        </p>
      </EuiText>
      <EuiInMemoryTable<ImportedObjectCheck>
        items={imported.objects}
        columns={columns}
        search={{ box: { incremental: true, placeholder: i18n.translate('migrationAssistant.verification.importedSearch', { defaultMessage: 'Search by title, type or id' }) } }}
        sorting
        pagination={{ initialPageSize: 20, pageSizeOptions: [20, 50, 100] }}
        rowProps={(object: ImportedObjectCheck) => ({ 'data-test-subj': `importedObject-${object.state}` })}
        tableCaption={i18n.translate('migrationAssistant.verification.importedCaption', { defaultMessage: 'Each imported object read back from this Kibana' })}
        data-test-subj="importedObjects"
      />
    </>
  );
};
