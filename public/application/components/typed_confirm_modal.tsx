/*
 * The confirmation of a destructive step: the user types the exact phrase (the server names it) before
 * the confirm button works. The typed text is what the request sends as `confirmation`.
 */
import React, { ReactNode, useState } from 'react';
import { EuiConfirmModal, EuiFieldText, EuiFormRow } from '@elastic/eui';
import { i18n } from '@kbn/i18n';

export const TypedConfirmModal = ({
  title,
  phrase,
  confirmButtonText,
  cancelButtonText,
  onConfirm,
  onCancel,
  inputTestSubj,
  children,
}: {
  title: string;
  phrase: string;
  confirmButtonText: string;
  cancelButtonText: string;
  onConfirm: (typed: string) => void;
  onCancel: () => void;
  inputTestSubj: string;
  children?: ReactNode;
}) => {
  const [typed, setTyped] = useState('');
  return (
    <EuiConfirmModal
      title={title}
      onCancel={onCancel}
      onConfirm={() => onConfirm(typed)}
      confirmButtonDisabled={typed !== phrase}
      cancelButtonText={cancelButtonText}
      confirmButtonText={confirmButtonText}
      buttonColor="danger"
    >
      {children}
      <EuiFormRow label={i18n.translate('migrationAssistant.typedConfirm.label', { defaultMessage: 'Type "{phrase}" to confirm', values: { phrase } })}>
        <EuiFieldText value={typed} onChange={(e) => setTyped(e.target.value)} data-test-subj={inputTestSubj} />
      </EuiFormRow>
    </EuiConfirmModal>
  );
};
