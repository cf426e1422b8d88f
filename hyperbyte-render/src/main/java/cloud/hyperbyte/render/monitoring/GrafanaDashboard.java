package cloud.hyperbyte.render.monitoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small builder for a Grafana dashboard model. Panels flow left to right in rows of two; every map
 * keeps insertion order, so the JSON is the same for the same input.
 */
final class GrafanaDashboard {

  private static final int PANEL_WIDTH = 12;
  private static final int PANEL_HEIGHT = 8;
  private static final String DATASOURCE = "${datasource}";

  private final Map<String, Object> dashboard = new LinkedHashMap<>();
  private final List<Map<String, Object>> panels = new ArrayList<>();
  private int nextY = 0;
  private int nextX = 0;

  GrafanaDashboard(String uid, String title, List<String> tags) {
    dashboard.put("uid", uid);
    dashboard.put("title", title);
    dashboard.put("tags", tags);
    dashboard.put("timezone", "browser");
    dashboard.put("schemaVersion", 39);
    dashboard.put("version", 1);
    dashboard.put("editable", true);
    dashboard.put("refresh", "30s");
    Map<String, Object> time = new LinkedHashMap<>();
    time.put("from", "now-6h");
    time.put("to", "now");
    dashboard.put("time", time);
    Map<String, Object> datasource = new LinkedHashMap<>();
    datasource.put("name", "datasource");
    datasource.put("label", "Data source");
    datasource.put("type", "datasource");
    datasource.put("query", "prometheus");
    dashboard.put("templating", java.util.Collections.singletonMap("list", List.of(datasource)));
  }

  /** Starts a new full-width row titled {@code title}. */
  GrafanaDashboard row(String title) {
    if (nextX != 0) {
      nextY += PANEL_HEIGHT;
      nextX = 0;
    }
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", panels.size() + 1);
    row.put("type", "row");
    row.put("title", title);
    row.put("collapsed", false);
    row.put("gridPos", gridPos(0, nextY, 24, 1));
    panels.add(row);
    nextY += 1;
    return this;
  }

  /** A time series panel with one query per (legend, expression) pair. */
  GrafanaDashboard timeseries(String title, String unit, Map<String, String> queriesByLegend) {
    Map<String, Object> panel = new LinkedHashMap<>();
    panel.put("id", panels.size() + 1);
    panel.put("type", "timeseries");
    panel.put("title", title);
    panel.put("datasource", datasource());
    panel.put("gridPos", gridPos(nextX, nextY, PANEL_WIDTH, PANEL_HEIGHT));
    Map<String, Object> defaults = new LinkedHashMap<>();
    defaults.put("unit", unit);
    panel.put("fieldConfig", java.util.Collections.singletonMap("defaults", defaults));
    List<Map<String, Object>> targets = new ArrayList<>();
    char refId = 'A';
    for (Map.Entry<String, String> query : queriesByLegend.entrySet()) {
      Map<String, Object> target = new LinkedHashMap<>();
      target.put("refId", String.valueOf(refId++));
      target.put("datasource", datasource());
      target.put("expr", query.getValue());
      target.put("legendFormat", query.getKey());
      targets.add(target);
    }
    panel.put("targets", targets);
    panels.add(panel);
    if (nextX == 0) {
      nextX = PANEL_WIDTH;
    } else {
      nextX = 0;
      nextY += PANEL_HEIGHT;
    }
    return this;
  }

  /** The dashboard model. */
  Map<String, Object> build() {
    Map<String, Object> model = new LinkedHashMap<>(dashboard);
    model.put("panels", List.copyOf(panels));
    return model;
  }

  private static Map<String, Object> datasource() {
    Map<String, Object> datasource = new LinkedHashMap<>();
    datasource.put("type", "prometheus");
    datasource.put("uid", DATASOURCE);
    return datasource;
  }

  private static Map<String, Object> gridPos(int x, int y, int w, int h) {
    Map<String, Object> pos = new LinkedHashMap<>();
    pos.put("h", h);
    pos.put("w", w);
    pos.put("x", x);
    pos.put("y", y);
    return pos;
  }
}
