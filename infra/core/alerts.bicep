// Azure Monitor alert rules on the connector's own telemetry (the worker exports it to Application Insights, whose
// data lives in this Log Analytics workspace: custom metrics in AppMetrics, log lines in AppTraces). Each rule is a
// scheduled log query; when an e-mail address is given, they notify an action group that mails it.
param namePrefix string
param location string
param tags object = {}

@description('Resource id of the Log Analytics workspace behind Application Insights.')
param logAnalyticsWorkspaceId string

@description('Where alerts are mailed; empty for no action group (the alerts still fire and show in the portal).')
param alertEmailAddress string = ''

@minValue(1)
@maxValue(48)
@description('Hours without any webhook (while the app runs) before the silence alert fires.')
param noWebhookAlertHours int = 6

@minValue(0)
@description('Jobs ended Skipped/LoopSuspected in one hour above which the loop alert fires.')
param loopSuspectedThreshold int = 0

@minValue(0)
@description('Failed jobs in 15 minutes above which the failing-jobs alert fires.')
param failedJobsThreshold int = 0

// The metric and attribute names of Connector.Core/Telemetry (README "Telemetry").
var jobsEnded = '''AppMetrics
| where Name == "connector.jobs.ended"
| extend outcome = tostring(Properties["outcome"]), reason = tostring(Properties["reason"]), kind = tostring(Properties["job.kind"])'''

var poisonQuery = join([
  jobsEnded
  '| where outcome == "Failed" and reason in ("RetriesExhausted", "Error")'
  '| summarize Messages = sum(Sum)'
  '| union (AppTraces | where Message contains "contact-sync-poison" | summarize Messages = todouble(count()))'
  '| summarize Messages = sum(Messages)'
], '\n')

var failedQuery = join([
  jobsEnded
  '| where outcome == "Failed"'
  '| summarize Failed = sum(Sum)'
], '\n')

var loopQuery = join([
  jobsEnded
  '| where reason == "LoopSuspected"'
  '| summarize Loops = sum(Sum)'
], '\n')

// No connector.webhooks point in the window, while the app sent anything at all (it runs: its timers, its host).
var noWebhookQuery = '''let webhooks = toscalar(AppMetrics | where Name == "connector.webhooks" | summarize sum(Sum));
let alive = toscalar(union AppTraces, AppRequests, AppMetrics | summarize count());
print Silent = iif(alive > 0 and coalesce(webhooks, 0.0) == 0, 1, 0)'''

var rules = [
  {
    name: 'poison'
    displayName: 'Connector: messages in contact-sync-poison'
    description: 'Sync jobs failed into the poison queue (retries used up, or the host gave up on a message). Replay them with POST /api/jobs/{jobId}/replay once the cause is fixed.'
    severity: 1
    query: poisonQuery
    measure: 'Messages'
    threshold: 0
    frequency: 'PT15M'
    window: 'PT15M'
  }
  {
    name: 'jobs-failing'
    displayName: 'Connector: jobs failing'
    description: 'Jobs ended Failed (any kind and reason). The job records say why: so-connector jobs list --status Failed.'
    severity: 2
    query: failedQuery
    measure: 'Failed'
    threshold: failedJobsThreshold
    frequency: 'PT15M'
    window: 'PT15M'
  }
  {
    name: 'loop-suspected'
    displayName: 'Connector: LoopSuspected rising'
    description: 'Jobs refused as a suspected webhook loop (Sync__MaxWritesPerContactPerHour reached). Something else writes the contacts back; see README "Loops".'
    severity: 2
    query: loopQuery
    measure: 'Loops'
    threshold: loopSuspectedThreshold
    frequency: 'PT15M'
    window: 'PT1H'
  }
  {
    name: 'no-webhook'
    displayName: 'Connector: no webhook received'
    description: 'No SuperOffice webhook reached the connector for ${noWebhookAlertHours} hours while the app was running. Check the webhook: so-connector webhook status.'
    severity: 2
    query: noWebhookQuery
    measure: 'Silent'
    threshold: 0
    frequency: noWebhookAlertHours >= 6 ? 'PT1H' : 'PT15M'
    window: 'PT${noWebhookAlertHours}H'
  }
]

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (!empty(alertEmailAddress)) {
  name: '${namePrefix}-alerts'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'connector'
    enabled: true
    emailReceivers: [
      {
        name: 'operator'
        emailAddress: alertEmailAddress
        useCommonAlertSchema: true
      }
    ]
  }
}

resource alerts 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = [
  for rule in rules: {
    name: '${namePrefix}-${rule.name}'
    location: location
    tags: tags
    properties: {
      displayName: rule.displayName
      description: rule.description
      severity: rule.severity
      enabled: true
      scopes: [
        logAnalyticsWorkspaceId
      ]
      evaluationFrequency: rule.frequency
      windowSize: rule.window
      criteria: {
        allOf: [
          {
            query: rule.query
            timeAggregation: 'Total'
            metricMeasureColumn: rule.measure
            operator: 'GreaterThan'
            threshold: rule.threshold
            failingPeriods: {
              numberOfEvaluationPeriods: 1
              minFailingPeriodsToAlert: 1
            }
          }
        ]
      }
      autoMitigate: true
      actions: {
        actionGroups: empty(alertEmailAddress) ? [] : [
          actionGroup.id
        ]
      }
    }
  }
]

output actionGroupId string = empty(alertEmailAddress) ? '' : actionGroup.id
output alertNames array = [for (rule, i) in rules: alerts[i].name]
