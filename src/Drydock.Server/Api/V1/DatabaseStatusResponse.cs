using Drydock.Server.Updates;

namespace Drydock.Server.Api.V1;

/// <summary>
/// <c>GET /api/v1/db/status</c>: the database version matched against (null while there is none), each source's
/// state, the update in progress or the last one, and the schedule.
/// </summary>
public sealed record DatabaseStatusResponse(
    string? DatabaseVersion, IReadOnlyList<DatabaseSourceResponse> Sources, DatabaseUpdate? Update, DatabaseScheduleResponse Schedule);
