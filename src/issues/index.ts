/**
 * The lowest layer of the library's messages: the issue codes, the path
 * builder, the one way to show a value and the one spelling of an issue.
 * Imports nothing of rules/, validation/, component/, kit/ or cli/.
 */
export {
  ISSUE_CODES,
  issueCodeEntry,
  type IssueCode,
  type IssueCodeEntry,
  type IssueSeverity,
} from "./codes";
export { FieldPath, formatPath, type PathSegment } from "./path";
export { describe, describeThrown, kindOf, mustBe, show } from "./message";
export {
  formatIssue,
  issue,
  issueKey,
  uniqueIssues,
  warningReporter,
  type IssueListener,
} from "./issue";
