using Connector.Core.SuperOffice;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Connector.Functions.Http;

/// <summary>An answer that needs SuperOffice: when SuperOffice fails, a 502 that says so (its message, never a token).</summary>
public static class SuperOfficeAnswer
{
    public static async Task<IActionResult> Of(Func<Task<IActionResult>> answer, ILogger logger)
    {
        try
        {
            return await answer();
        }
        catch (Exception e) when (e is SuperOfficeApiException or SuperOfficeAuthenticationException or HttpRequestException)
        {
            logger.LogWarning(e, "SuperOffice call of the ops page failed");
            return Responses.Problem(StatusCodes.Status502BadGateway, "SuperOffice unavailable", "SuperOffice did not answer as expected: " + e.Message);
        }
    }
}
