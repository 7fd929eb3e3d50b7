using System.Globalization;
using System.Text.Json.Nodes;

namespace Connector.Sandbox.Auth;

/// <summary>The login host: the OAuth token endpoint, the system user exchange and the tenant state API.</summary>
public static class LoginEndpoints
{
    public const string SystemUserIssuer = "SuperOffice AS";

    public static void Map(WebApplication app, SandboxServer server)
    {
        var options = server.Options;
        var tokens = server.Tokens;

        // Form body and query string are both accepted (SuperOffice's examples put them in the query string; docs/superoffice/authentication.md).
        app.MapPost("/login/common/oauth/tokens", async (HttpRequest request) =>
        {
            var form = request.HasFormContentType ? await request.ReadFormAsync() : null;
            string Param(string name) => form?[name].ToString() is { Length: > 0 } v ? v : request.Query[name].ToString();
            if (Param("grant_type") != "refresh_token")
            {
                return Results.Json(new { error = "unsupported_grant_type" }, statusCode: 400);
            }
            if (Param("client_id") != options.ClientId || Param("client_secret") != options.ClientSecret || Param("refresh_token") != options.RefreshToken)
            {
                return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
            }
            // OpenID Connect: issuer = the login host, audience = the client id (validate-security-tokens page).
            var idToken = tokens.SignJwt(server.Issuer, options.ClientId, new JsonObject
            {
                ["sub"] = "sandbox.api@example.com",
                [TokenIssuer.ClaimPrefix + "serial"] = options.Serial,
                [TokenIssuer.ClaimPrefix + "upn"] = "sandbox.api@example.com",
                [TokenIssuer.ClaimPrefix + "ctx"] = options.ContextIdentifier,
                [TokenIssuer.ClaimPrefix + "associateid"] = options.ApiAssociateId.ToString(CultureInfo.InvariantCulture),
                [TokenIssuer.ClaimPrefix + "webapi_url"] = server.ApiBaseUrl.ToString(),
                [TokenIssuer.ClaimPrefix + "netserver_url"] = server.ApiBaseUrl.ToString().Replace("/api/", "/remote/services88/", StringComparison.Ordinal),
                [TokenIssuer.ClaimPrefix + "is_administrator"] = "False",
            }, TimeSpan.FromSeconds(options.AccessTokenLifetimeSeconds));
            var lifetime = options.AccessTokenLifetimeSeconds;
            // The refresh answer carries no refresh_token (docs/superoffice/authentication.md, Refresh-token grant): keep the old one.
            return Results.Json(new Dictionary<string, object>
            {
                ["token_type"] = "Bearer",
                ["access_token"] = tokens.IssueAccessToken(),
                ["expires_in"] = options.ExpiresInAsString ? lifetime.ToString(CultureInfo.InvariantCulture) : lifetime,
                ["id_token"] = idToken,
            });
        });

        // UNCONFIRMED: the HTTP status of a refused system user sign-in; the sandbox answers 200 with IsSuccessful false.
        app.MapPost("/Login/api/PartnerSystemUser/Authenticate", async (HttpRequest request) =>
        {
            JsonObject? body;
            try
            {
                body = await JsonNode.ParseAsync(request.Body) as JsonObject;
            }
            catch (System.Text.Json.JsonException)
            {
                body = null;
            }
            // Property names are matched case-insensitively, as ASP.NET model binding on the real service would.
            string Field(string name) => body is null ? "" : Tenant.ContactJson.Scalar(Tenant.ContactJson.Get(body, name)) ?? "";
            string? problem = body is null ? "The body must be a JSON object." : null;
            problem ??= Field("ApplicationToken") != options.ClientSecret ? "ApplicationToken is not this application's client secret." : null;
            problem ??= Field("ContextIdentifier") != options.ContextIdentifier ? $"Unknown ContextIdentifier '{Field("ContextIdentifier")}'." : null;
            problem ??= tokens.VerifySystemUserToken(Field("SignedSystemToken"));
            if (problem is not null)
            {
                return Results.Json(new Dictionary<string, object?> { ["IsSuccessful"] = false, ["Token"] = null, ["ErrorMessage"] = problem });
            }
            // ReturnTokenType other than "JWT" is not emulated: the answer is always a JWT with the ticket claim.
            // System user: issuer "SuperOffice AS", audience "spn:{serial}" (validate-security-tokens page). The JWT only
            // carries the ticket; its own exp is short (SystemUserJwtLifetimeSeconds) and says nothing about the ticket.
            var jwt = tokens.SignJwt(SystemUserIssuer, "spn:" + options.Serial, new JsonObject
            {
                ["sub"] = options.SystemUserToken,
                [TokenIssuer.ClaimPrefix + "serial"] = options.Serial,
                [TokenIssuer.ClaimPrefix + "ticket"] = tokens.IssueTicket(),
                [TokenIssuer.ClaimPrefix + "ctx"] = options.ContextIdentifier,
                [TokenIssuer.ClaimPrefix + "associateid"] = options.ApiAssociateId.ToString(CultureInfo.InvariantCulture),
                [TokenIssuer.ClaimPrefix + "webapi_url"] = server.ApiBaseUrl.ToString(),
            }, TimeSpan.FromSeconds(options.SystemUserJwtLifetimeSeconds));
            return Results.Json(new Dictionary<string, object?> { ["IsSuccessful"] = true, ["Token"] = jwt, ["ErrorMessage"] = "" });
        });

        // OIDC discovery and the signing key, so a client can validate the id_token and the system user JWT
        // (paths and issuer as the OpenID Connect page shows them for https://{env}.superoffice.com).
        app.MapGet("/login/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = server.Issuer,
            ["token_endpoint"] = server.BaseUrl + "login/common/oauth/tokens",
            ["jwks_uri"] = server.BaseUrl + "login/.well-known/jwks",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["scopes_supported"] = new[] { "openid" },
        }));
        app.MapGet("/login/.well-known/jwks", () =>
        {
            // Only the current key: after POST /admin/keys/rotate the old one is gone.
            var (kid, key) = tokens.PublishedKey;
            return Results.Json(new
            {
                keys = new[]
                {
                    new { kty = "RSA", use = "sig", alg = "RS256", kid, n = TokenIssuer.Base64Url(key.Modulus!), e = TokenIssuer.Base64Url(key.Exponent!) },
                },
            });
        });

        app.MapGet("/api/state/{ctx}", (string ctx) =>
        {
            if (!string.Equals(ctx, options.ContextIdentifier, StringComparison.OrdinalIgnoreCase))
            {
                return Results.NotFound();
            }
            var state = options.TenantState;
            return Results.Json(new Dictionary<string, object>
            {
                ["ContextIdentifier"] = options.ContextIdentifier,
                // Where the tenant lives now: POST /admin/tenant/move changes it (check-status page).
                ["Endpoint"] = server.ApiBaseUrl.ToString().TrimEnd('/')[..^"/api".Length],
                ["State"] = state,
                ["IsRunning"] = IsRunning(state),
                ["ValidUntil"] = DateTime.UtcNow.AddMinutes(5).ToString("o", CultureInfo.InvariantCulture),
                ["Api"] = server.ApiBaseUrl.ToString().TrimEnd('/'),
            });
        });
    }

    /// <summary>Running and OnlineMaintenance keep the APIs available (docs/superoffice/tenant-address.md).</summary>
    public static bool IsRunning(string state) =>
        state.Equals("Running", StringComparison.OrdinalIgnoreCase) || state.Equals("OnlineMaintenance", StringComparison.OrdinalIgnoreCase);
}
