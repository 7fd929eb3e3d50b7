namespace Connector.Sandbox.Tenant;

/// <summary>
/// A request the sandbox refuses, answered with the documented REST error body
/// <c>{"Error":true,"ErrorType":...,"ErrorMessage":...,"ErrorSource":...}</c> (section "Errors" of
/// https://docs.superoffice.com/en/api/web-services/endpoints/rest-webapi/index.html). The ErrorType names are the
/// sandbox's own; SuperOffice's are exception type names such as <c>SoNotFoundException</c>.
/// </summary>
public sealed class ApiError(int status, string errorType, string message) : Exception(message)
{
    public int Status { get; } = status;
    public string ErrorType { get; } = errorType;

    public IResult ToResult() =>
        Results.Json(new Dictionary<string, object>
        {
            ["Error"] = true, ["ErrorType"] = ErrorType, ["ErrorMessage"] = Message, ["ErrorSource"] = "Connector.Sandbox",
        }, statusCode: Status);
}
