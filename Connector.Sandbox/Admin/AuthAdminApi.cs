using Connector.Sandbox.Auth;

namespace Connector.Sandbox.Admin;

/// <summary>
/// Admin controls for the login host and the tenant's address: move the tenant, rotate the signing key, make the
/// issued JWTs untrustworthy (<see cref="TokenFaults"/>).
/// </summary>
public static class AuthAdminApi
{
    public static void Map(WebApplication app, SandboxServer server)
    {
        var admin = app.MapGroup("/admin");

        admin.MapPost("/tenant/move", () =>
        {
            var from = server.ApiBaseUrl;
            var to = server.MoveTenant();
            return Results.Json(new { from = from.ToString(), apiBaseUrl = to.ToString() });
        });

        admin.MapPost("/keys/rotate", () => Results.Json(new { keyId = server.Tokens.RotateKey() }));

        admin.MapGet("/tokens/faults", () => server.Tokens.Faults.ToJson());
        admin.MapPut("/tokens/faults", (TokenFaults.Change change) =>
        {
            server.Tokens.Faults.Apply(change);
            return server.Tokens.Faults.ToJson();
        });
    }
}
