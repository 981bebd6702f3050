/**
 * Mocha `--require` file: installs the Pulumi mock engine before any test file
 * loads, so every test runs without the Pulumi CLI, a provider plugin or a
 * cluster. Tests that need other mock behaviour (preview mode, a fixture for
 * `Pod.get`) call `installMocks` from `test/support/mocks.ts` themselves.
 */
import { installMocks } from "../support/mocks";

installMocks();
