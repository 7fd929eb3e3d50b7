using System.Net;
using System.Text;
using Connector.Core.SuperOffice;
using Connector.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Tests.SuperOffice;

/// <summary>
/// The sandbox never rotates refresh tokens, so a stub token endpoint does: a new refresh token in the answer is used
/// for the next grant; an answer without one keeps the old.
/// </summary>
public sealed class RefreshTokenRotationTests
{
    private sealed class TokenEndpoint : HttpMessageHandler
    {
        public List<string> RefreshTokensSent { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var form = await request.Content!.ReadAsStringAsync(cancellationToken);
            var sent = form.Split('&').Select(p => p.Split('=')).Single(p => p[0] == "refresh_token")[1];
            RefreshTokensSent.Add(Uri.UnescapeDataString(sent));
            var rotated = RefreshTokensSent.Count == 1 ? "\"refresh_token\": \"rotated-refresh-token-1\"," : "";
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent($$"""{"token_type": "Bearer", {{rotated}} "access_token": "8A:Cust12345.at-{{RefreshTokensSent.Count}}", "expires_in": "3600"}""",
                    Encoding.UTF8, "application/json"),
            };
        }
    }

    [Fact]
    public async Task A_new_refresh_token_replaces_the_old_and_an_absent_one_keeps_it()
    {
        var endpoint = new TokenEndpoint();
        await using var services = await TestServices.CreateAsync(configure: s =>
            s.AddHttpClient(SuperOfficeRegistration.LoginClientName).ConfigurePrimaryHttpMessageHandler(() => endpoint));
        var signIn = services.GetRequiredService<ISuperOfficeSignIn>();

        var first = await signIn.SignInAsync(CancellationToken.None);
        var second = await signIn.SignInAsync(CancellationToken.None);
        var third = await signIn.SignInAsync(CancellationToken.None);

        Assert.Equal([TestServices.RefreshToken, "rotated-refresh-token-1", "rotated-refresh-token-1"], endpoint.RefreshTokensSent);
        Assert.Equal(("8A:Cust12345.at-1", "8A:Cust12345.at-3"), (first.Token, third.Token));
        Assert.Equal(SuperOfficeCredential.BearerScheme, second.Scheme);
        Assert.Null(first.WebApiUrl);
    }
}
