/** Services, PodDisruptionBudget and HorizontalPodAutoscaler of the database. */
package cloud.hyperbyte.render.service;
