using Connector.Core.Configuration;
using Microsoft.Extensions.Options;

namespace Connector.Core.SuperOffice;

/// <summary>
/// Checks that the settings of the chosen <see cref="SuperOfficeOptions.AuthMode"/> are present, so a missing secret
/// stops start-up naming the setting instead of failing the first request. Never echoes a secret.
/// </summary>
public sealed class SuperOfficeAuthOptionsValidator : IValidateOptions<SuperOfficeOptions>
{
    public ValidateOptionsResult Validate(string? name, SuperOfficeOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.Add(Missing("ClientSecret", "the app's client secret (also sent as SO-AppToken; SO_CLIENT_SECRET is accepted too)"));
        }
        switch (options.AuthMode)
        {
            case SuperOfficeAuthMode.RefreshToken:
                if (string.IsNullOrWhiteSpace(options.ClientId))
                {
                    failures.Add(Missing("ClientId", "the app's client id (SO_CLIENT_ID is accepted too)"));
                }
                if (string.IsNullOrWhiteSpace(options.RefreshToken))
                {
                    failures.Add(Missing("RefreshToken", "a refresh token from the app's sign-in (SO_REFRESH_TOKEN is accepted too), " +
                                                         "or use SuperOffice:AuthMode=SystemUser"));
                }
                break;
            case SuperOfficeAuthMode.SystemUser:
                if (string.IsNullOrWhiteSpace(options.SystemUserToken))
                {
                    failures.Add(Missing("SystemUserToken", "the system user token from the administrator's sign-in (AuthMode SystemUser)"));
                }
                if (string.IsNullOrWhiteSpace(options.PrivateKey))
                {
                    failures.Add(Missing("PrivateKey", "the app's RSA private key, PEM or XML (AuthMode SystemUser)"));
                }
                else if (SystemUserTokenSigner.TryLoadPrivateKey(options.PrivateKey, out var rsa) is false)
                {
                    failures.Add("SuperOffice:PrivateKey is not an RSA private key in PEM (PKCS#1 or PKCS#8) or XML form.");
                }
                else
                {
                    rsa!.Dispose();
                }
                break;
            default:
                failures.Add($"SuperOffice:AuthMode '{options.AuthMode}' is unknown; use RefreshToken or SystemUser.");
                break;
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Missing(string setting, string what) =>
        $"SuperOffice:{setting} is empty; set it to {what} in local.settings.json or the app settings.";
}
