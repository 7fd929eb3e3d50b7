namespace Connector.Core.Configuration;

public enum SuperOfficeAuthMode
{
    RefreshToken,
    SystemUser,
}

/// <summary>Settings of section <c>SuperOffice</c>. The prototype's <c>SO_*</c> names are accepted as aliases (<see cref="LegacySettingAliases"/>).</summary>
public sealed class SuperOfficeOptions
{
    public const string Section = "SuperOffice";

    /// <summary>The environments SuperOffice signs in on; <c>stage</c> is the older name of <c>qaonline</c>.</summary>
    public static readonly IReadOnlyList<string> KnownEnvironments = ["sod", "qaonline", "stage", "online"];

    public string? ClientId { get; set; }
    /// <summary>Secret. Also sent as <c>SO-AppToken</c>.</summary>
    public string? ClientSecret { get; set; }
    /// <summary>Secret.</summary>
    public string? RefreshToken { get; set; }
    public string? RedirectUri { get; set; }
    /// <summary><c>sod</c>, <c>qaonline</c> (or <c>stage</c>), or <c>online</c>. No default: it must be set.</summary>
    public string? Environment { get; set; }
    /// <summary>The tenant, e.g. <c>Cust12345</c>. Webhooks from any other tenant are refused.</summary>
    public string? ContextIdentifier { get; set; }
    /// <summary>The associate id of the API user this connector writes as; its changes are never processed again.</summary>
    public int ApiAssociateId { get; set; }
    public SuperOfficeAuthMode AuthMode { get; set; } = SuperOfficeAuthMode.RefreshToken;
    /// <summary>Secret (system user mode).</summary>
    public string? SystemUserToken { get; set; }
    /// <summary>Secret: the app's RSA private key, PEM or XML (system user mode).</summary>
    public string? PrivateKey { get; set; }
    /// <summary>Overrides API base URL discovery, e.g. <c>http://127.0.0.1:5080/Cust12345/api/</c>.</summary>
    public string? ApiBaseUrl { get; set; }
    /// <summary>Overrides <c>https://{Environment}.superoffice.com</c> for the token, system user and state endpoints.</summary>
    public string? LoginBaseUrl { get; set; }
    /// <summary>How UDFs are written: <c>Patch</c> (merge patch, default) or <c>Put</c> (GET, modify, PUT) for a tenant that rejects the patch.</summary>
    public UdfWriteMode UdfWriteMode { get; set; } = UdfWriteMode.Patch;

    /// <summary>The canonical environment name (<c>stage</c> becomes <c>qaonline</c>).</summary>
    public string NormalizedEnvironment =>
        string.Equals(Environment, "stage", StringComparison.OrdinalIgnoreCase) ? "qaonline" : (Environment ?? "").Trim().ToLowerInvariant();

    public Uri LoginBase => new(string.IsNullOrWhiteSpace(LoginBaseUrl)
        ? $"https://{NormalizedEnvironment}.superoffice.com/"
        : LoginBaseUrl.TrimEnd('/') + "/");
}
