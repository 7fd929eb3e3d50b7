using Connector.Core.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;

namespace Connector.Core.SuperOffice;

/// <summary>
/// Reads the OpenID Connect metadata and the key set its <c>jwks_uri</c> names for
/// <see cref="ConfigurationManager{T}"/>, through the login HttpClient (<c>SuperOffice.Login</c>: its resilience
/// pipeline, its handler rotation). Only HTTPS addresses are read, except http on a loopback host or on the host of an
/// explicitly configured http <c>SuperOffice:LoginBaseUrl</c> (a local emulator): the keys decide which tokens are trusted.
/// </summary>
public sealed class SuperOfficeMetadataRetriever(SuperOfficeLoginClient login, IOptions<SuperOfficeOptions> options) : IDocumentRetriever
{
    public async Task<string> GetDocumentAsync(string address, CancellationToken cancel)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || !IsAllowed(uri, options.Value.LoginBase))
        {
            throw new SuperOfficeAuthenticationException(
                $"SuperOffice's OpenID Connect metadata points at {address}, which is not read: keys are fetched over HTTPS only " +
                "(http only on loopback or on the host of an http SuperOffice:LoginBaseUrl).", null, null, isTransient: false);
        }
        return await login.GetDocumentAsync(uri, "the OpenID Connect metadata (" + uri.AbsolutePath + ")", cancel).ConfigureAwait(false);
    }

    /// <summary>HTTPS; or http on a loopback host, or on the scheme, host and port of an http login base.</summary>
    public static bool IsAllowed(Uri address, Uri loginBase)
    {
        if (address.Scheme == Uri.UriSchemeHttps)
        {
            return true;
        }
        if (address.Scheme != Uri.UriSchemeHttp)
        {
            return false;
        }
        return address.IsLoopback
               || (loginBase.Scheme == Uri.UriSchemeHttp
                   && Uri.Compare(address, loginBase, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0);
    }
}
