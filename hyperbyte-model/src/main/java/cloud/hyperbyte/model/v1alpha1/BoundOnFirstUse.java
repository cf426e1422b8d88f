package cloud.hyperbyte.model.v1alpha1;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.jsontype.TypeDeserializer;

/**
 * Binds a field of an embedded Kubernetes type (affinity, volumes, security contexts ...) through
 * the mapper's own deserializer for that type, looked up when a document first has the field.
 * Jackson resolves the deserializers of every property of a bean up front, and for these types that
 * means introspecting some 250 fabric8 classes (every volume source, every affinity term) even for a
 * manifest that sets none of them: about a tenth of a second of a command-line {@code render}. The
 * result of binding is the same: the delegate is the deserializer Jackson would have used.
 *
 * <p>Put on a field of such a type as {@code @JsonDeserialize(using = BoundOnFirstUse.class)}, on a
 * list of them as {@code contentUsing}.
 */
public final class BoundOnFirstUse extends ValueDeserializer<Object> {

  private final JavaType type;
  private final BeanProperty property;
  private volatile ValueDeserializer<Object> delegate;

  /** The unbound instance Jackson creates from the annotation; it binds nothing until contextualised. */
  public BoundOnFirstUse() {
    this(null, null);
  }

  private BoundOnFirstUse(JavaType type, BeanProperty property) {
    this.type = type;
    this.property = property;
  }

  @Override
  public ValueDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
    JavaType declared = property.getType();
    JavaType element = declared.isContainerType() ? declared.getContentType() : declared;
    // the plain class: the declared type carries this deserializer as its handler
    return new BoundOnFirstUse(ctxt.constructType(element.getRawClass()), property);
  }

  @Override
  public Object deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
    return delegate(ctxt).deserialize(p, ctxt);
  }

  @Override
  public Object deserialize(JsonParser p, DeserializationContext ctxt, Object intoValue) throws JacksonException {
    return delegate(ctxt).deserialize(p, ctxt, intoValue);
  }

  @Override
  public Object deserializeWithType(JsonParser p, DeserializationContext ctxt, TypeDeserializer typeDeserializer)
      throws JacksonException {
    return delegate(ctxt).deserializeWithType(p, ctxt, typeDeserializer);
  }

  @Override
  public Class<?> handledType() {
    return type == null ? Object.class : type.getRawClass();
  }

  private ValueDeserializer<Object> delegate(DeserializationContext ctxt) {
    ValueDeserializer<Object> found = delegate;
    if (found == null) {
      if (type == null) {
        throw new IllegalStateException("BoundOnFirstUse used without a property");
      }
      found = ctxt.findContextualValueDeserializer(type, property);
      delegate = found;
    }
    return found;
  }
}
