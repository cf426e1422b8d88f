package cloud.hyperbyte.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.operator.chart.GrantedPermissions.Grant;
import cloud.hyperbyte.operator.rbac.ApiPermissions;
import cloud.hyperbyte.operator.rbac.ApiPermissions.Feature;
import cloud.hyperbyte.operator.rbac.ApiPermissions.Permission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chart grants the operator exactly the API calls listed in {@link ApiPermissions}: nothing
 * missing (the operator would get Forbidden) and nothing extra (least privilege), in the right
 * place, for every combination of optional features and both RBAC modes.
 */
class RbacMatchesOperatorCallsTest {

  private static final Map<Feature, String> FEATURE_VALUES = Map.of(
      Feature.BACKUP_RESTORE, "features.backupRestore",
      Feature.TLS, "features.tls",
      Feature.PVC_CLEANUP, "features.pvcCleanup");

  static Stream<Arguments> featureCombinationsAndModes() {
    List<Arguments> cases = new ArrayList<>();
    for (boolean namespaced : new boolean[] {false, true}) {
      for (Set<Feature> features : optionalFeatureSubsets()) {
        cases.add(Arguments.of(namespaced, features));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "namespaced={0}, features={1}")
  @MethodSource("featureCombinationsAndModes")
  void chartGrantsExactlyTheOperatorsApiCalls(boolean namespaced, Set<Feature> features) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Feature feature : List.of(Feature.BACKUP_RESTORE, Feature.TLS, Feature.PVC_CLEANUP)) {
      values.put(FEATURE_VALUES.get(feature), features.contains(feature));
    }
    List<String> watched = namespaced ? ValueSet.TEAM_NAMESPACES : List.of();
    if (namespaced) {
      values.put("rbac.namespaced", true);
      for (int i = 0; i < watched.size(); i++) {
        values.put("watchNamespaces[" + i + "]", watched.get(i));
      }
    }

    Set<Grant> granted = GrantedPermissions.of(HelmChart.render(values), HelmChart.RELEASE, HelmChart.NAMESPACE);

    assertThat(granted).containsExactlyElementsOf(expected(ApiPermissions.forFeatures(features), watched));
  }

  /** Where each permission must be granted: watched namespaces are the whole cluster when none are listed. */
  private static Set<Grant> expected(List<Permission> permissions, List<String> watchedNamespaces) {
    Set<Grant> grants = new TreeSet<>();
    for (Permission permission : permissions) {
      List<String> places = switch (permission.scope()) {
        case CLUSTER -> List.of(GrantedPermissions.CLUSTER);
        case OPERATOR_NAMESPACE -> List.of(HelmChart.NAMESPACE);
        case WATCHED_NAMESPACES -> watchedNamespaces.isEmpty() ? List.of(GrantedPermissions.CLUSTER) : watchedNamespaces;
      };
      for (String where : places) {
        for (String verb : permission.verbs()) {
          grants.add(new Grant(where, permission.apiGroup(), permission.resource(), verb));
        }
      }
    }
    return grants;
  }

  private static List<Set<Feature>> optionalFeatureSubsets() {
    List<Feature> optional = List.of(Feature.BACKUP_RESTORE, Feature.TLS, Feature.PVC_CLEANUP);
    List<Set<Feature>> subsets = new ArrayList<>();
    for (int mask = 0; mask < 1 << optional.size(); mask++) {
      Set<Feature> subset = EnumSet.noneOf(Feature.class);
      for (int i = 0; i < optional.size(); i++) {
        if ((mask & 1 << i) != 0) {
          subset.add(optional.get(i));
        }
      }
      subsets.add(subset);
    }
    return subsets;
  }
}
