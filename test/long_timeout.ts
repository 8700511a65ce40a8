// Integration and browser tests wait on real clusters and a real browser.
jest.setTimeout(300_000);
