import './enums';
import './region';
import './household';
import './employer';
import './resident';
