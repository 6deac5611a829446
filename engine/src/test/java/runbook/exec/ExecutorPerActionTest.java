package runbook.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import runbook.model.Step;

/** Every kind of step has exactly one executor class, named after it, in this package. */
class ExecutorPerActionTest {
  @Test
  void everyPermittedStepHasItsOwnExecutor() throws Exception {
    Class<?>[] kinds = Step.class.getPermittedSubclasses();
    assertEquals(6, kinds.length);
    for (Class<?> kind : kinds) {
      String name = "runbook.exec." + kind.getSimpleName().replaceAll("Step$", "") + "Executor";
      Class<?> executor = Class.forName(name);
      Type handled = Arrays.stream(executor.getGenericInterfaces())
          .filter(t -> t instanceof ParameterizedType p && p.getRawType() == ActionExecutor.class)
          .map(t -> ((ParameterizedType) t).getActualTypeArguments()[0])
          .findFirst().orElseThrow(() -> new AssertionError(name + " is not an ActionExecutor"));
      assertTrue(handled == kind, name + " handles " + handled + ", not " + kind);
    }
  }
}
