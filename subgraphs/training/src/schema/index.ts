import './region';
import './external';
import './centre';
import './course';
import './enrolment';
import './outcomes';
import './subsidy-facts';
import './skill-gaps';
