/* The guided flow: one URL per step, a step header, and state that survives a reload. */
import React, { useEffect, useState } from 'react';
import { useHistory, useParams } from 'react-router-dom';
import { EuiPageHeader, EuiSpacer, EuiStepsHorizontal } from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import { useAppServices } from '../../app_context';
import { ConnectStep } from './connect_step';
import { clearFlow, FlowState, loadFlow, saveFlow, Step, STEPS } from './flow_state';
import { OptionsStep, PreflightStep, ReviewStep } from './later_steps';
import { SelectStep } from './select_step';

const TITLES: Record<Step, string> = {
  connect: i18n.translate('migrationAssistant.flow.connect', { defaultMessage: 'Connect the source' }),
  select: i18n.translate('migrationAssistant.flow.select', { defaultMessage: 'Select data' }),
  options: i18n.translate('migrationAssistant.flow.options', { defaultMessage: 'Options' }),
  preflight: i18n.translate('migrationAssistant.flow.preflight', { defaultMessage: 'Preflight checks' }),
  review: i18n.translate('migrationAssistant.flow.review', { defaultMessage: 'Review and start' }),
};

export const GuidedFlowPage = () => {
  const { step: rawStep = 'connect' } = useParams<{ step?: string }>();
  const step: Step = (STEPS as readonly string[]).includes(rawStep) ? (rawStep as Step) : 'connect';
  const routerHistory = useHistory();
  const navigate = (path: string) => routerHistory.push(path);
  const { setBreadcrumbs, docTitle, history } = useAppServices();
  const [flow, setFlow] = useState<FlowState>(loadFlow);
  const update = (next: FlowState) => {
    setFlow(next);
    saveFlow(next);
  };
  const go = (next: Step) => navigate(`/migrate/${next}`);
  const reached = (s: Step) => (s === 'connect' ? true : s === 'select' ? !!flow.sourceId : flow.sourceId !== undefined && flow.indices.length > 0);

  useEffect(() => {
    setBreadcrumbs([
      { text: i18n.translate('migrationAssistant.breadcrumbs.home', { defaultMessage: 'Migration Assistant' }), onClick: () => history.push('/') },
      { text: i18n.translate('migrationAssistant.breadcrumbs.migrate', { defaultMessage: 'New migration' }) },
      { text: TITLES[step] },
    ]);
    docTitle.change([TITLES[step], i18n.translate('migrationAssistant.flow.docTitle', { defaultMessage: 'New migration' })]);
  }, [step, setBreadcrumbs, docTitle, history]);

  const index = STEPS.indexOf(step);
  return (
    <>
      <EuiPageHeader pageTitle={i18n.translate('migrationAssistant.flow.title', { defaultMessage: 'Reindex from remote' })} bottomBorder />
      <EuiSpacer />
      <EuiStepsHorizontal
        data-test-subj="flowSteps"
        steps={STEPS.map((s, i) => ({
          title: TITLES[s],
          status: i < index ? 'complete' : i === index ? 'current' : 'incomplete',
          disabled: !reached(s),
          onClick: () => go(s),
          'data-test-subj': `flowStep-${s}`,
        }))}
      />
      <EuiSpacer />
      {step === 'connect' && <ConnectStep onConnected={(source) => { update({ ...flow, sourceId: source.id, sourceName: source.name, indices: [] }); go('select'); }} />}
      {step === 'select' && <SelectStep flow={flow} onChange={update} onNext={() => go('options')} />}
      {step === 'options' && <OptionsStep flow={flow} onChange={update} onNext={() => go('preflight')} />}
      {step === 'preflight' && <PreflightStep flow={flow} onNext={() => go('review')} />}
      {step === 'review' && (
        <ReviewStep
          flow={flow}
          onStarted={(job) => {
            clearFlow();
            navigate(`/jobs/${job.id}`);
          }}
        />
      )}
    </>
  );
};
