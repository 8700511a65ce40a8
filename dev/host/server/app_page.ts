/* The HTML page the management app is mounted in. */
export const renderAppPage = (): string => `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <link rel="icon" href="data:," />
  <link rel="stylesheet" href="/bundles/app.css" />
  <title>Migration Assistant - Stack Management - Elastic (development host)</title>
</head>
<body>
  <div id="kibana-body"></div>
  <script src="/bundles/app.js"></script>
</body>
</html>
`;
