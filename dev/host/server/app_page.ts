/* The HTML page the management app is mounted in. */
import { HOST_SCRIPTS } from '../build_app';

export const renderAppPage = (): string => `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <link rel="icon" href="data:," />
  <link rel="stylesheet" href="/bundles/core.css" />
  <title>Migration Assistant - Stack Management - Elastic (development host)</title>
</head>
<body>
  <div id="kibana-body"></div>
  <script>
    // Kibana's bundle registry (its bootstrap script defines it): plugin bundles define, core gets.
    window.__kbnBundles__ = (() => {
      const modules = {};
      return {
        define: (id, load) => { modules[id] = load; },
        get: (id) => {
          if (!modules[id]) throw new Error('Bundle ' + id + ' is not defined');
          return modules[id]();
        },
      };
    })();
  </script>
${HOST_SCRIPTS.map((file) => `  <script src="/bundles/${file}"></script>`).join('\n')}
</body>
</html>
`;
