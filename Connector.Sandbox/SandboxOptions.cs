namespace Connector.Sandbox;

/// <summary>
/// Settings of the sandbox (configuration section <c>Sandbox</c>). The fault switches at the end can also be
/// changed while running through <c>PUT /admin/faults</c>; the running server reads them from this instance.
/// </summary>
public sealed class SandboxOptions
{
    public const string SectionName = "Sandbox";

    /// <summary>0 = a free port on 127.0.0.1.</summary>
    public int Port { get; set; }
    public string ContextIdentifier { get; set; } = "Cust12345";

    public string ClientId { get; set; } = "sandbox-client";
    public string ClientSecret { get; set; } = "sandbox-client-secret";
    public string RefreshToken { get; set; } = "sandbox-refresh-token";
    public int AccessTokenLifetimeSeconds { get; set; } = 3600;
    /// <summary>Answer <c>expires_in</c> as a string ("3600"), as one third-party fixture shows.</summary>
    public bool ExpiresInAsString { get; set; }

    /// <summary>The API user: writes made with API credentials carry this ChangedByAssociateId.</summary>
    public int ApiAssociateId { get; set; } = 528;
    /// <summary>"A person": edits made through the sandbox page or the admin edit endpoint.</summary>
    public int UiAssociateId { get; set; } = 12;

    public string SystemUserToken { get; set; } = "SandboxApp-4711";
    /// <summary>PEM of the RSA public key that verifies signed system user tokens; null = system user sign-in fails.</summary>
    public string? SystemUserPublicKeyPem { get; set; }
    /// <summary>A ticket lives this long after its last use (sliding, 6 hours on SuperOffice).</summary>
    public int TicketLifetimeMinutes { get; set; } = 360;
    /// <summary>
    /// <c>exp</c> of the system user JWT, counted from its issue. SuperOffice documents only the ticket's 6 hours; the JWT
    /// is a short-lived envelope here (UNCONFIRMED value) so a client that takes its exp for the ticket's is caught.
    /// </summary>
    public int SystemUserJwtLifetimeSeconds { get; set; } = 600;
    /// <summary>The tenant database's serial (claim <c>serial</c>); a system user JWT's audience is <c>spn:{Serial}</c>.</summary>
    public string Serial { get; set; } = "1801550193";

    public int CompanyCount { get; set; } = 300;
    public int SaleCount { get; set; } = 3000;
    /// <summary>100,000 sales, generated on the first Sale archive use so start-up stays fast.</summary>
    public bool LargeSales { get; set; }
    public int RandomSeed { get; set; } = 42;

    public string CompanyExplorerApiKey { get; set; } = "sandbox-ce-key";

    public int[] WebhookRetryDelaysMs { get; set; } = [1000, 4000];
    public int WebhookFailuresBeforeTooManyErrors { get; set; } = 9;
    /// <summary>SuperOffice requires HTTPS targets; loopback http is allowed locally unless this is set.</summary>
    public bool RequireHttpsTargets { get; set; }

    // Fault switches (also at run time through /admin/faults).
    public bool MalformedUdfs { get; set; }
    public double ThrottleShare { get; set; }
    public int RetryAfterSeconds { get; set; } = 1;
    public bool Quote500 { get; set; } = true;
    public int LatencyMs { get; set; }
    public string TenantState { get; set; } = "Running";
    public double ServerErrorShare { get; set; }

    // Webhook faults (also at run time through /admin/webhooks/faults).
    /// <summary>While set, every delivery fails as if the target answered this status (0: no answer at all), without reaching it.</summary>
    public int? WebhookOutageStatus { get; set; }
    /// <summary>The caller lacks the right to use the Webhook API: every <c>v1/Webhook</c> call answers 403.</summary>
    public bool WebhookApiForbidden { get; set; }
    /// <summary>GET answers a webhook's <c>Secret</c> as null (whether SuperOffice shows it is UNCONFIRMED).</summary>
    public bool WebhookHideSecrets { get; set; }
    /// <summary>
    /// Share of deliveries whose 200 is lost on the way back: the attempt counts as failed and the same payload (same
    /// EventId) is sent again on the cycle's retry schedule, so the target sees it twice.
    /// </summary>
    public double WebhookLostAnswerShare { get; set; }
    /// <summary>Share of payloads held back <see cref="WebhookLateMs"/> before their first attempt, so later events overtake them.</summary>
    public double WebhookLateShare { get; set; }
    public int WebhookLateMs { get; set; } = 500;

    /// <summary>
    /// <c>Documented</c>: every contact's UserDefinedFields in the documented flat string map. <c>Mixed</c>: each
    /// contact in one of the shapes <see cref="Tenant.UdfShapes"/> lists (by its id), as an odd tenant may send them.
    /// The name of one <see cref="Tenant.UdfShape"/> (e.g. <c>Null</c>): every contact in that shape.
    /// </summary>
    public string UdfShapes { get; set; } = "Documented";
}
