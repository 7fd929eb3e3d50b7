using Connector.Sandbox.Tenant;

namespace Connector.Sandbox.Admin;

/// <summary>
/// An administrator's layout work under <c>/admin/udeflayout</c>: edit the current contact UDF layout without publishing
/// it (relabel a field, or add one), then publish it. Until then <c>Contact/UdefLayout</c> and
/// <c>Contact/UdefLayout/Published</c> answer differently.
/// </summary>
public static class UdefLayoutAdmin
{
    public sealed record FieldEdit(string? ProgId, string? Label, string? FieldType, int? TextLength);

    public static void Map(WebApplication app, SandboxServer server)
    {
        var layouts = server.Layouts;
        var admin = app.MapGroup("/admin/udeflayout");

        admin.MapGet("", () => View(layouts));

        admin.MapPut("/current", (FieldEdit edit) =>
        {
            if (string.IsNullOrWhiteSpace(edit.ProgId) || string.IsNullOrWhiteSpace(edit.Label))
            {
                throw new ApiError(400, "Validation", "A layout edit needs 'progId' and 'label'.");
            }
            layouts.Save(edit.ProgId.Trim(), edit.Label.Trim(), edit.FieldType, edit.TextLength);
            return View(layouts);
        });

        admin.MapPost("/publish", () =>
        {
            layouts.Publish();
            return View(layouts);
        });
    }

    private static object View(UdfLayoutVersions layouts) => new
    {
        generation = layouts.Generation,
        published = layouts.Published.Select(Field),
        current = layouts.Current.Select(Field),
    };

    private static object Field(UdfField f) => new { progId = f.ProgId, label = f.Label, fieldType = f.FieldType, textLength = f.TextLength };
}
