/*
 * The host's `__kbnSharedDeps__`: what Kibana's `@kbn/ui-shared-deps-src` bundle exposes to plugins
 * (src/platform/packages/private/kbn-ui-shared-deps-src/src/entry.js), built from the versions
 * package.json pins to Kibana's (kibana_shared_deps.ts). The `@kbn/*` entries are the host's stand-ins
 * (dev/host/kbn_runtime/). A shared dependency the host does not provide here makes the plugin's build
 * fail (build_app.ts) instead of being bundled silently.
 */
import 'virtual:eui-icons';
import * as React from 'react';
import * as ReactDom from 'react-dom';
import * as ReactDomServer from 'react-dom/server';
import * as ReactRouter from 'react-router';
import * as ReactRouterDom from 'react-router-dom';
import * as ReactRouterDomV5Compat from 'react-router-dom-v5-compat';
import * as EmotionCache from '@emotion/cache';
import * as EmotionReact from '@emotion/react';
import * as Moment from 'moment';
import * as MomentTimezone from 'moment-timezone';
import * as Rxjs from 'rxjs';
import * as ElasticEui from '@elastic/eui';
import * as ElasticEuiThemeBorealis from '@elastic/eui-theme-borealis';
import * as ElasticCharts from '@elastic/charts';
import * as History from 'history';
import * as KbnI18n from '../kbn_runtime/i18n';
import * as KbnI18nReact from '../kbn_runtime/i18n_react';
import * as KbnReactKibanaContextRender from '../kbn_runtime/react_kibana_context_render';

const sharedDeps: Record<string, unknown> = {
  React,
  ReactDom,
  ReactDomServer,
  ReactRouter,
  ReactRouterDom,
  ReactRouterDomV5Compat,
  EmotionCache,
  EmotionReact,
  Moment,
  MomentTimezone,
  Rxjs,
  ElasticEui,
  ElasticEuiThemeBorealis,
  ElasticCharts,
  History,
  KbnI18n,
  KbnI18nReact,
  KbnReactKibanaContextRender,
};

(window as unknown as { __kbnSharedDeps__: Record<string, unknown> }).__kbnSharedDeps__ = sharedDeps;
