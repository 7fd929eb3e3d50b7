using Connector.Core.SuperOffice;

namespace Connector.Core.Watchdog;

/// <summary>What reconciling the webhook did: the plan, whether it was carried out, and the webhook as it is now (null when there is none).</summary>
public sealed record WebhookEnsureResult(WebhookPlan Plan, bool Applied, WebhookDefinition? Now);
